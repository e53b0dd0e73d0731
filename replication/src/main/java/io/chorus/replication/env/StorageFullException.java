package io.chorus.replication.env;

/** Thrown by {@link Storage#put} when the value cannot be stored; nothing was applied. */
public final class StorageFullException extends RuntimeException {
    public StorageFullException(String message) {
        super(message);
    }
}
