package io.chorus.replication.message;

import io.chorus.replication.state.Key;

/**
 * Anti-entropy, one page of a leaf scan: keys the sender holds in leaves that differed, each with the
 * digest of its state. The receiver pushes its own state of each key whose digest differs
 * ({@link ReplicaWrite}) and pulls the keys it lacks ({@link PullKeys}). Bounded by the sender in
 * keys and bytes.
 */
public record LeafKeys(Key[] keys, long[] digests) implements PeerMessage {
    public LeafKeys {
        if (keys.length != digests.length) throw new IllegalArgumentException("leaf keys: " + keys.length + " keys, " + digests.length + " digests");
    }
}
