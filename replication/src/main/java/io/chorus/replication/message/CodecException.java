package io.chorus.replication.message;

/** Bytes that are not a valid message (or a message that breaks its own invariants). */
public final class CodecException extends RuntimeException {
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
