package io.chorus.bench.run;

import io.chorus.bench.check.CounterLog;
import io.chorus.bench.check.CounterTally;
import io.chorus.bench.store.Store;
import io.chorus.replication.state.Consistency;

import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;

/**
 * The read-back of the counter workload: every counter the run incremented holds exactly its start
 * plus its acknowledged increments, or up to its indeterminate ones more ({@link CounterTally#outside}).
 * A counter below its floor may mend (a replica still catching up); one above its ceiling never
 * will, since increments only add: it counted something twice, and is not read again. Counters
 * whose start the load could not read have no bounds and are skipped (and counted).
 */
final class CounterReadBack implements Verifier.ReadBack {
    private final SharedState shared;
    private final Consistency level;
    private final long awaitNanos;
    private final LongAdder indeterminateApplied = new LongAdder();
    private long skipped;

    CounterReadBack(SharedState shared, Consistency level, long awaitNanos) {
        this.shared = shared;
        this.level = level;
        this.awaitNanos = awaitNanos;
    }

    /** Called once, before any {@link #check}. */
    @Override
    public long[] keys() {
        CounterLog log = shared.counterLog();
        LongStream.Builder keys = LongStream.builder();
        long[] unknown = {0};
        log.forEachIncrementedKey(shared.keySpace().claimed(), i -> {
            if (log.peek(i).startKnown()) keys.add(i);
            else unknown[0]++;
        });
        skipped = unknown[0];
        return keys.build().toArray();
    }

    @Override
    public Verifier.Miss check(Store store, long keyIndex) throws Exception {
        CounterTally tally = shared.counterLog().peek(keyIndex);
        long value = Verifier.await(store.counterValue(shared.keys().key(keyIndex), level), awaitNanos);
        long outside = tally.outside(value);
        long floor = tally.floor(tally.acknowledgedCount());
        if (outside == 0) {
            indeterminateApplied.add(value - floor);
            return null;
        }
        String why = shared.keys().keyText(keyIndex) + " reads " + value + " where [" + floor + ", " + tally.ceiling() + "] was allowed ("
                + tally.describe() + "): " + (outside < 0 ? -outside + " acknowledged increment(s) missing" : outside + " too many");
        return new Verifier.Miss(why, outside < 0);
    }

    @Override
    public long acknowledged() {
        return shared.counterLog().acknowledgedCount(shared.keySpace().claimed());
    }

    @Override
    public Verifier.CounterTotals counterTotals() {
        return new Verifier.CounterTotals(shared.counterLog().indeterminateCount(shared.keySpace().claimed()),
                indeterminateApplied.sum(), skipped);
    }
}
