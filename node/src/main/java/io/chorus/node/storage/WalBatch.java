package io.chorus.node.storage;

import io.chorus.replication.state.Key;

import java.nio.ByteBuffer;

/**
 * The durable writes of one handler batch, already in log format: the handler thread adds each
 * one as it puts it into the map, then hands the whole batch to the {@link WalWriter} at the end
 * of its Disruptor batch. Encoding here keeps the writer thread off the handler's codec (which is
 * not thread-safe) and does the work the writer would otherwise wait for.
 */
public final class WalBatch {
    private static final int INITIAL_BYTES = 4096;

    private ByteBuffer bytes = ByteBuffer.allocate(INITIAL_BYTES);
    private int records;

    /** Adds one record: the key and its encoded state as the map now holds it. */
    public void add(Key key, byte[] encodedState) {
        byte[] keyBytes = key.bytesUnsafe();
        int needed = WalFormat.recordBytes(keyBytes.length, encodedState.length);
        if (bytes.remaining() < needed) grow(needed);
        WalFormat.putRecord(bytes, keyBytes, encodedState, encodedState.length);
        records++;
    }

    private void grow(int needed) {
        long size = Math.max((long) bytes.capacity() * 2, (long) bytes.position() + needed);
        if (size > Integer.MAX_VALUE - 16) throw new IllegalStateException("a write-ahead log batch cannot exceed 2 GiB");
        ByteBuffer bigger = ByteBuffer.allocate((int) size);
        bytes.flip();
        bigger.put(bytes);
        bytes = bigger;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    public int records() {
        return records;
    }

    public int bytes() {
        return bytes.position();
    }

    /** The records written so far, ready to write out; the batch must not be added to afterwards. */
    ByteBuffer contents() {
        return bytes.duplicate().flip();
    }
}
