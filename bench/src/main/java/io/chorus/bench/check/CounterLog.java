package io.chorus.bench.check;

import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;

/**
 * The checker's memory of the counter workload: a {@link CounterTally} per counter index, made
 * when the load reads the counter's start or the run first increments it. Memory is one small
 * record per counter used, whatever the number of increments.
 */
public final class CounterLog {
    private final ChunkedArray<CounterTally> tallies;

    public CounterLog(long keysMax) {
        this.tallies = new ChunkedArray<>(keysMax);
    }

    /** The counter's tally, made (starting at 0) if it had none. */
    public CounterTally tally(long keyIndex) {
        CounterTally t = tallies.get(keyIndex);
        return t != null ? t : tallies.update(keyIndex, old -> old != null ? old : new CounterTally());
    }

    /** The counter's tally, or null when neither the load nor the run has touched it. */
    public CounterTally peek(long keyIndex) {
        return tallies.get(keyIndex);
    }

    /** Calls {@code visitor} with every counter index the run sent an increment to, in index order. */
    public void forEachIncrementedKey(long keyIndexLimit, LongConsumer visitor) {
        long limit = Math.min(keyIndexLimit, tallies.capacity());
        for (long i = 0; i < limit; i++) {
            CounterTally t = tallies.get(i);
            if (t != null && t.sentCount() > 0) visitor.accept(i);
        }
    }

    /** Increments acknowledged, over every counter (a pass over the counters: for the end of a run). */
    public long acknowledgedCount(long keyIndexLimit) {
        return sum(keyIndexLimit, CounterTally::acknowledgedCount);
    }

    /** Increments whose outcome is unknown, over every counter. */
    public long indeterminateCount(long keyIndexLimit) {
        return sum(keyIndexLimit, CounterTally::indeterminateCount);
    }

    private long sum(long keyIndexLimit, ToLongFunction<CounterTally> count) {
        long[] sum = {0};
        forEachIncrementedKey(keyIndexLimit, i -> sum[0] += count.applyAsLong(tallies.get(i)));
        return sum[0];
    }
}
