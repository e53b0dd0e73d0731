package io.chorus.bench.check;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the run did to one counter: its value when the run started, and the increments (each by 1)
 * sent, acknowledged, and ended with an unknown outcome (indeterminate: a timeout, so maybe counted).
 * Increments count once however often the client retried them, so once none is in flight the
 * counter must lie in [{@link #floor}, {@link #ceiling}]: exactly start + acknowledged when no
 * outcome is unknown. Thread-safe: driver threads update it, readers take the counts as they are.
 */
public final class CounterTally {
    /** The start when the load could not read it: the counter's bounds are then unknown. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private volatile long start;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong indeterminate = new AtomicLong();

    /** Starts at 0: a counter never incremented reads 0, so without a load phase the run assumes fresh counters. */
    CounterTally() {
    }

    /** The value the load read before the run ({@link #UNKNOWN} when the read failed). */
    public void started(long value) {
        this.start = value;
    }

    public void sent() {
        sent.incrementAndGet();
    }

    public void acknowledged() {
        acknowledged.incrementAndGet();
    }

    public void indeterminate() {
        indeterminate.incrementAndGet();
    }

    public long start() {
        return start;
    }

    public boolean startKnown() {
        return start != UNKNOWN;
    }

    public long sentCount() {
        return sent.get();
    }

    public long acknowledgedCount() {
        return acknowledged.get();
    }

    public long indeterminateCount() {
        return indeterminate.get();
    }

    /** The least value a read may return once {@code acknowledgedCount} increments were acknowledged. */
    public long floor(long acknowledgedCount) {
        assert startKnown() : "no bounds without a known start";
        return start + acknowledgedCount;
    }

    /** The most the counter may hold when no increment is in flight. */
    public long ceiling() {
        return floor(acknowledged.get()) + indeterminate.get();
    }

    /**
     * How far {@code value}, read when no increment was in flight, lies outside
     * [{@link #floor}, {@link #ceiling}]: negative below (acknowledged increments lost, or a replica
     * behind), positive above (counted twice), 0 inside.
     */
    public long outside(long value) {
        long floor = floor(acknowledged.get());
        if (value < floor) return value - floor;
        long ceiling = floor + indeterminate.get();
        return value > ceiling ? value - ceiling : 0;
    }

    /** {@code start 0, sent 12, acknowledged 11, indeterminate 1}, for the examples in the report. */
    public String describe() {
        return "start " + (startKnown() ? Long.toString(start) : "unknown") + ", sent " + sent.get() + ", acknowledged "
                + acknowledged.get() + ", indeterminate " + indeterminate.get();
    }
}
