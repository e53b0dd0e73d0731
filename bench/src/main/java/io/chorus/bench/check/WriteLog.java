package io.chorus.bench.check;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The checker's memory of the run's acknowledged writes: a {@link Frontier} per key index, plus
 * counts. Memory is bounded by keys x {@code frontierWritesMax}, not by the number of writes.
 */
public final class WriteLog {
    /** Concurrent writes remembered per key; the store's own sibling bound is 64. */
    public static final int FRONTIER_WRITES_MAX = 64;

    private final ChunkedArray<Frontier> frontiers;
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder trims = new LongAdder();

    public WriteLog(long keysMax) {
        this.frontiers = new ChunkedArray<>(keysMax);
    }

    /** The writes a read of {@code keyIndex} starting now must see (or see superseded). */
    public Frontier frontier(long keyIndex) {
        Frontier f = frontiers.get(keyIndex);
        return f == null ? Frontier.EMPTY : f;
    }

    public void acknowledged(long keyIndex, WriteRecord write) {
        Frontier next = frontiers.update(keyIndex, old -> (old == null ? Frontier.EMPTY : old).withAck(write, FRONTIER_WRITES_MAX));
        acknowledged.increment();
        if (next.trimmed()) trims.increment();
    }

    /** Acknowledged writes recorded so far. */
    public long acknowledgedCount() {
        return acknowledged.sum();
    }

    /** Times a frontier hit its bound and forgot a write (then some reads were checked against less). */
    public long trimCount() {
        return trims.sum();
    }

    /** Calls {@code visitor} with every key index that has an acknowledged write, in index order. */
    public void forEachWrittenKey(long keyIndexLimit, LongConsumer visitor) {
        long limit = Math.min(keyIndexLimit, frontiers.capacity());
        for (long i = 0; i < limit; i++) {
            Frontier f = frontiers.get(i);
            if (f != null && !f.isEmpty()) visitor.accept(i);
        }
    }
}
