package io.chorus.replication.message;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;

/**
 * Coordinator to a primary replica of the key (the minter): apply this client write, minting its
 * dot, and send back what the other replicas must merge ({@link MintResult}). Only replicas mint, so
 * a dot is never minted twice for a key. {@code value} null is a delete (tombstone). {@code durable}:
 * answer only once the write is fsynced. {@code operationId}: the client's id of the write (0: none),
 * stored with the value, or with the refusal, so that no copy or retry of it is ever minted again.
 * {@code expiresAtMillis}: the value's expiry (a TTL put), fixed by the coordinator, or 0 for none.
 */
public record MintWrite(long opId, Key key, byte[] value, VersionVector context, boolean durable, long operationId,
                        long expiresAtMillis) implements PeerMessage {
    public MintWrite(long opId, Key key, byte[] value, VersionVector context, boolean durable) {
        this(opId, key, value, context, durable, 0, 0);
    }

    public MintWrite(long opId, Key key, byte[] value, VersionVector context, boolean durable, long operationId) {
        this(opId, key, value, context, durable, operationId, 0);
    }
}
