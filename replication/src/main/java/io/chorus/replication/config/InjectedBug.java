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
    /** Serve a read that carries a session token as if it carried none (still returning an updated token). */
    IGNORE_SESSION_TOKEN
}
