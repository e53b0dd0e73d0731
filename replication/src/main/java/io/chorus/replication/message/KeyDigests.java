package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/**
 * Anti-entropy, step 2: every key the sender holds in {@code partitions} with a digest of its
 * state. The receiver pushes its newer keys back ({@link ReplicaWrite}) and pulls the ones it lacks
 * ({@link PullKeys}). Bounded: a sender with too many keys lists only some partitions per round.
 */
public record KeyDigests(int[] partitions, Key[] keys, long[] digests) implements PeerMessage {
    public KeyDigests {
        if (keys.length != digests.length) throw new IllegalArgumentException("keys and digests differ in length");
    }
}
