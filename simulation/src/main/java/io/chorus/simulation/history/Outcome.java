package io.chorus.simulation.history;

/**
 * How an operation ended, from the client's side. {@link #FAIL} means the contract says nothing was
 * applied (InvalidRequest, Unavailable, Overloaded, SessionUnsatisfied, TooManySiblings, or the
 * request never reached a node); {@link #INDETERMINATE} means it may or may not have been applied
 * (Timeout, or no answer before the client gave up).
 */
public enum Outcome {
    OK, FAIL, INDETERMINATE
}
