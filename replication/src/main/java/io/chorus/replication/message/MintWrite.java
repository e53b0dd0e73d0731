package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.crdt.clock.VersionVector;

/**
 * Coordinator (not itself a replica of the key) to a primary replica: apply this client write,
 * minting its dot, and send back the resulting siblings. Only replicas mint dots, so a dot is
 * never minted twice for a key. {@code value} null is a delete (tombstone).
 */
public record MintWrite(long opId, Key key, byte[] value, VersionVector context) implements PeerMessage {
}
