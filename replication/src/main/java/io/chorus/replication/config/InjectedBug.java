package io.chorus.replication.config;

/**
 * Deliberate protocol bugs, switched on only by tests, to prove that the simulator's checkers catch
 * them. Production code never passes any.
 */
public enum InjectedBug {
    /** Acknowledge a write after W-1 replicas stored it (at least one). */
    ACK_BEFORE_QUORUM,
    /** Answer a read with one replica's state instead of the merge of all answers. */
    SKIP_SIBLING_MERGE,
    /** Store a durable write without syncing it, and acknowledge it as durable all the same (caught only where power is lost). */
    SKIP_DURABLE_SYNC,
    /**
     * The naive purge: remove a tombstone when the replicas that answered hold it, taking silence (a
     * replica down or cut off) for agreement, and forget the key's context with it.
     */
    PURGE_WITHOUT_EVERY_REPLICA,
    /** Serve a read that carries a session token as if it carried none (still returning an updated token). */
    IGNORE_SESSION_TOKEN,
    /** Return expired values on reads (replicas still drop them, by their own clocks). */
    RETURN_EXPIRED_VALUES
}
