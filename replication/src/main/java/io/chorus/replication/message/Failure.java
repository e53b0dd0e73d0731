package io.chorus.replication.message;

/** A request failed; {@code message} says what was wanted and what happened. */
public record Failure(ErrorKind kind, String message) implements ClientResponse {
    @Override
    public String toString() {
        return kind.displayName() + " " + message;
    }
}
