package io.chorus.client;

import java.util.Objects;

/**
 * A write (put, delete or CRDT update) was stored by as many replicas as its consistency level
 * asked for.
 *
 * @param context the context after this write: passing it to the next write of the same key
 *                supersedes this write (and whatever it superseded); {@link Context#NONE} for a
 *                CRDT update, which needs none
 * @param durable true when those replicas had it on disk (fsynced) before acknowledging, as
 *                {@link WriteOptions#DURABLE} asks; false when it may still be only in their page cache
 * @param receipt how the write was made: coordinator, replicas that acknowledged it
 */
public record WriteAck(Context context, boolean durable, Receipt receipt) {
    public WriteAck {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** An acknowledgement with no receipt ({@link Receipt#NONE}). */
    public WriteAck(Context context, boolean durable) {
        this(context, durable, Receipt.NONE);
    }
}
