package io.chorus.bench.check;

import io.chorus.bench.store.StoreRead;
import io.chorus.bench.workload.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counts stale reads while the run goes: each read took its key's {@link Frontier} when it started
 * and, when it completes, is checked against it with {@link Freshness}; a counter read took the
 * number of increments acknowledged so far, and must show at least them. Keeps the first few stale
 * reads as examples for the report. Thread-safe.
 */
public final class StaleReadChecker {
    /** Stale reads described in the report; the rest are only counted. */
    public static final int EXAMPLES_MAX = 5;

    private final Values values;
    private final LongAdder checked = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final List<String> examples = new ArrayList<>();

    public StaleReadChecker(Values values) {
        this.values = values;
    }

    /**
     * Checks one completed read of {@code key} that started at {@code startNanos} after the writes
     * of {@code before}. Returns true when it was fresh (or there was nothing to check).
     */
    public boolean check(String keyText, Frontier before, StoreRead read, long startNanos) {
        if (before.isEmpty()) return true;
        checked.increment();
        WriteRecord missed = Freshness.firstMissed(before, read, values);
        if (missed == null) return true;
        stale(() -> "read of " + keyText + " started " + String.format("%.3f", (startNanos - missed.ackNanos()) / 1e6)
                + " ms after write " + missed.writeId() + " was acknowledged with context " + missed.ack()
                + ", returned " + read.values().size() + " value(s) with write ids " + writeIds(read)
                + " and context " + Freshness.decodeOrEmpty(read.context()));
        return false;
    }

    /**
     * Checks one completed read of a counter that started when {@code acknowledgedBefore} (more
     * than 0) of the run's increments of it had been acknowledged, each by 1: the read is fresh when
     * it shows them all, i.e. returns at least {@code floor} (the counter's start plus them).
     */
    public boolean checkCounter(String keyText, long acknowledgedBefore, long floor, long value) {
        assert acknowledgedBefore > 0 : "a counter read with no acknowledged increment to see is not checked";
        checked.increment();
        if (value >= floor) return true;
        stale(() -> "read of " + keyText + " returned " + value + ", below the " + floor + " it had to show (start "
                + (floor - acknowledgedBefore) + " + " + acknowledgedBefore + " increments acknowledged before the read started)");
        return false;
    }

    private void stale(Supplier<String> example) {
        stale.increment();
        synchronized (examples) {
            if (examples.size() < EXAMPLES_MAX) examples.add(example.get());
        }
    }

    private String writeIds(StoreRead read) {
        List<Long> ids = new ArrayList<>();
        for (byte[] v : read.values()) ids.add(values.writeIdOf(v));
        return ids.toString();
    }

    /** Reads that had at least one acknowledged write (or increment) to see. */
    public long checkedCount() {
        return checked.sum();
    }

    public long staleCount() {
        return stale.sum();
    }

    public List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }
}
