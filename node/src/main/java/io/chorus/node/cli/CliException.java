package io.chorus.node.cli;

/** A well-formed command that cannot be carried out; the message says what and why. Exit 1. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
