package io.chorus.replication.message;

/** The errors of the user contract (shared/SEMANTICS.md), with whether a retry can help. */
public enum ErrorKind {
    /** Bad key, value, level, context or token. Nothing applied; do not retry as is. */
    INVALID_REQUEST("InvalidRequest"),
    /** Fewer live replicas than the level needs. Nothing applied. */
    UNAVAILABLE("Unavailable"),
    /** The node refused at once (queue full). Nothing applied. */
    OVERLOADED("Overloaded"),
    /** Not enough replicas answered in time. Indeterminate: it may have been applied. */
    TIMEOUT("Timeout"),
    /** No replica could serve data as new as the session token. */
    SESSION_UNSATISFIED("SessionUnsatisfied"),
    /** The key holds too many concurrent values; write back with a context to resolve. */
    TOO_MANY_SIBLINGS("TooManySiblings"),
    /** The connection did not authenticate, or its user lacks the permission the request needs. Nothing applied. */
    UNAUTHORIZED("Unauthorized");

    private final String displayName;

    ErrorKind(String displayName) {
        this.displayName = displayName;
    }

    /** The name users see, as in SEMANTICS.md. */
    public String displayName() {
        return displayName;
    }
}
