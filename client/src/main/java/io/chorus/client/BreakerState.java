package io.chorus.client;

/** The state of the client's circuit breaker for one node (see {@link NodeState}). */
public enum BreakerState {
    /** Requests are routed to the node in turn. */
    CLOSED,
    /** The node failed repeatedly: requests go to other nodes first, this one only as a last resort. */
    OPEN,
    /** A probe request is on its way to the node; its outcome closes or reopens the breaker. */
    HALF_OPEN
}
