package io.chorus.client;

import io.chorus.replication.message.ErrorKind;

import java.util.Objects;

/**
 * A request failed. {@link #kind()} is one of the errors of the user contract (shared/SEMANTICS.md)
 * and says whether anything may have been applied and whether a retry can help; {@link #detail()}
 * says what was wanted and what happened. {@link #getMessage()} is {@code "<DisplayName> <detail>"},
 * for example {@code "Unavailable (need 3, alive 2): ..."}.
 *
 * <p>Most come from the node's answer. The client raises a few itself: {@code Unavailable} when no
 * node could be reached (nothing was sent), {@code Timeout} when no answer came within the request
 * timeout or the connection closed after a write was sent (it may have been applied),
 * {@code InvalidRequest} for a request too large to frame, {@code Overloaded} when too many requests
 * are already in flight on the connection.
 */
public final class ChorusException extends RuntimeException {
    private final ErrorKind kind;
    private final String detail;

    public ChorusException(ErrorKind kind, String detail) {
        this(kind, detail, null);
    }

    public ChorusException(ErrorKind kind, String detail, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind").displayName() + " " + detail, cause);
        this.kind = kind;
        this.detail = detail;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The message without the kind's name, as the node (or the client) wrote it. */
    public String detail() {
        return detail;
    }

    /** True when the outcome is unknown: the operation may have been applied (a {@code Timeout}). */
    public boolean mayHaveBeenApplied() {
        return kind == ErrorKind.TIMEOUT;
    }
}
