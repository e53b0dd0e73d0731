package io.chorus.node.cli;

/** The command line was malformed: the caller prints the message and the usage, and exits 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
