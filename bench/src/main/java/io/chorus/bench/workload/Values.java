package io.chorus.bench.workload;

/**
 * Values that name the write that made them, so a reader can tell every write apart. Layout: the
 * run id (4 bytes), the key index (8), the write id (8), all big-endian, then filler up to the
 * value size. The run id keeps values of earlier runs from being taken for this run's writes.
 */
public final class Values {
    public static final int HEADER_BYTES = 20;

    private final int runId;
    private final byte[] filler;

    /** @param valueBytes size of every value written, at least {@link #HEADER_BYTES} */
    public Values(int runId, int valueBytes) {
        if (valueBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("value size " + valueBytes + " B is below the " + HEADER_BYTES + " B the checker needs");
        }
        this.runId = runId;
        this.filler = new byte[valueBytes];
        for (int i = HEADER_BYTES; i < valueBytes; i++) filler[i] = (byte) ('a' + i % 26);
    }

    public int runId() {
        return runId;
    }

    public int valueBytes() {
        return filler.length;
    }

    /** A fresh value for write {@code writeId} of key {@code keyIndex}. */
    public byte[] make(long keyIndex, long writeId) {
        byte[] value = filler.clone();
        putInt(value, 0, runId);
        putLong(value, 4, keyIndex);
        putLong(value, 12, writeId);
        return value;
    }

    /** The write id in {@code value} if a write of this run made it, else -1. Allocation-free. */
    public long writeIdOf(byte[] value) {
        if (value == null || value.length < HEADER_BYTES || getInt(value, 0) != runId) return -1;
        return getLong(value, 12);
    }

    /** The key index in {@code value} if a write of this run made it, else -1. */
    public long keyIndexOf(byte[] value) {
        if (value == null || value.length < HEADER_BYTES || getInt(value, 0) != runId) return -1;
        return getLong(value, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (56 - 8 * i));
    }

    private static int getInt(byte[] b, int at) {
        int v = 0;
        for (int i = 0; i < 4; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[at + i] & 0xFFL);
        return v;
    }
}
