package io.chorus.replication.env;

/**
 * What a replica tells the shell about the repairs it makes, as plain counts, so that a node can
 * export them as metrics without the core knowing about any metrics library. Called on the
 * replica's own thread, from inside its input methods: an implementation must be cheap, must not
 * block, and must not call back into the replica. The core never reads a clock for it; whatever
 * an observer wants to time, it times in the shell (production wraps the {@link
 * io.chorus.replication.env.Storage} for that).
 *
 * <p>Every method has an empty default, so an observer overrides only what it counts.
 */
public interface ReplicaObserver {
    /** Observes nothing: the simulator and tests that do not count repairs. */
    ReplicaObserver NOOP = new ReplicaObserver() { };

    /**
     * A read this node coordinated finished and found {@code replicas} (at least 1) of the replicas
     * that answered behind the merged state; each was sent the merge (this node's own copy is
     * merged locally, and counts too).
     */
    default void readRepaired(int replicas) {
    }

    /**
     * Anti-entropy sent a peer {@code keys} (at least 1) keys because their digests differed:
     * pushed after a key digest exchange, or asked for by the peer. The peer merges them.
     */
    default void antiEntropyKeysSent(int keys) {
    }

    /** Anti-entropy compared {@code keys} (at least 1) of its keys with a peer's digests of them. */
    default void antiEntropyKeysCompared(int keys) {
    }

    /** Of the keys anti-entropy compared, {@code keys} (at least 1) differed: each was pushed to the peer or pulled from it. */
    default void antiEntropyKeysRepaired(int keys) {
    }

    /**
     * This node's replica of {@code partition} was found identical to {@code peer}'s (equal Merkle
     * roots). The shell may time from it how long each partition has gone without being in sync.
     */
    default void antiEntropyInSync(int partition, io.chorus.replication.ring.NodeId peer) {
    }

    /** This node, as a fallback, stored a hint for a primary that was down or silent. */
    default void hintStored() {
    }

    /** This node could not keep a hint (a hint limit, or storage full): anti-entropy has to repair the key. */
    default void hintRefused() {
    }

    /** A primary acknowledged a hint this node handed over. */
    default void hintDelivered() {
    }

    /** A tombstone every replica was seen to hold was removed here (its context is kept a while: see Tombstones). */
    default void tombstonePurged() {
    }

    /** The hints this node holds changed: {@code keys} hinted keys, about {@code bytes} bytes (called at most once a tick). */
    default void hintsHeld(int keys, long bytes) {
    }

    /** This node holds {@code count} tombstones not yet known to be on every replica (called at most once a tick). */
    default void tombstonesPending(long count) {
    }

    /** This node dropped {@code values} (at least 1) values whose TTL had expired, keeping their keys' contexts. */
    default void expiredValuesDropped(int values) {
    }
}
