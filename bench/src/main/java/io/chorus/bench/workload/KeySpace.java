package io.chorus.bench.workload;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which key indices exist: [0, records) from the load, plus those inserted during the run. Reads
 * may only pick keys whose insert has completed, so {@link #limit} is the longest prefix of
 * completed inserts (as YCSB's acknowledged counter): an insert still in flight, or a slow one
 * ahead of faster ones, holds the limit back until it completes. A failed insert also completes
 * (its key may then read as not found), so one failure never freezes the limit.
 */
public final class KeySpace {
    /** Inserts that may be outstanding past the limit; far above any sane thread count. */
    static final int WINDOW = 1 << 16;

    private final long records;
    private final long keysMax;
    private final AtomicLong nextInsert;
    private final boolean[] done = new boolean[WINDOW];
    private volatile long limit;

    public KeySpace(long records, long keysMax) {
        if (records < 1) throw new IllegalArgumentException("records must be >= 1, got " + records);
        if (keysMax < records) throw new IllegalArgumentException("keysMax " + keysMax + " is below records " + records);
        this.records = records;
        this.keysMax = keysMax;
        this.nextInsert = new AtomicLong(records);
        this.limit = records;
    }

    public long records() {
        return records;
    }

    public long keysMax() {
        return keysMax;
    }

    /** Keys [0, limit) exist (their inserts completed). */
    public long limit() {
        return limit;
    }

    /** The index for a new key; -1 when {@link #keysMax} is reached or too many inserts are outstanding. */
    public long claim() {
        while (true) {
            long index = nextInsert.get();
            if (index >= keysMax || index - limit >= WINDOW) return -1;
            if (nextInsert.compareAndSet(index, index + 1)) return index;
        }
    }

    /** The insert of {@code index} finished, successfully or not. */
    public synchronized void complete(long index) {
        assert index >= limit && index < limit + WINDOW : "insert " + index + " completed outside window at " + limit;
        done[(int) (index % WINDOW)] = true;
        long next = limit;
        while (done[(int) (next % WINDOW)]) {
            done[(int) (next % WINDOW)] = false;
            next++;
        }
        limit = next;
    }

    /** Indices handed out so far (records plus claimed inserts). */
    public long claimed() {
        return nextInsert.get();
    }
}
