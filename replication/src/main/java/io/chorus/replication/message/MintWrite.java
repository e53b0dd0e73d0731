package io.chorus.replication.message;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;

/**
 * Coordinator to a primary replica of the key (the minter): apply this client write, minting its
 * dot, and send back what the other replicas must merge ({@link MintResult}). Only replicas mint, so
 * a dot is never minted twice for a key. {@code value} null is a delete (tombstone). {@code durable}:
 * answer only once the write is fsynced.
 */
public record MintWrite(long opId, Key key, byte[] value, VersionVector context, boolean durable) implements PeerMessage {
}
