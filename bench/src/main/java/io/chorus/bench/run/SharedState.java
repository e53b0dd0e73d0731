package io.chorus.bench.run;

import io.chorus.bench.check.ChunkedArray;
import io.chorus.bench.check.CounterLog;
import io.chorus.bench.check.StaleReadChecker;
import io.chorus.bench.check.WriteLog;
import io.chorus.bench.workload.KeySpace;
import io.chorus.bench.workload.Keys;
import io.chorus.bench.workload.Values;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every driver thread of a run shares: the key space, key and value makers, the checker's
 * write log (or, for counters, its counter log), the latest context seen per key, and the
 * stale-read checker. All thread-safe.
 */
public final class SharedState {
    private final KeySpace keySpace;
    private final Keys keys;
    private final Values values;
    private final WriteLog writeLog;
    private final CounterLog counterLog;
    private final ChunkedArray<byte[]> contexts;
    private final StaleReadChecker checker;
    private final AtomicInteger writers = new AtomicInteger();

    public SharedState(KeySpace keySpace, Keys keys, Values values) {
        this.keySpace = keySpace;
        this.keys = keys;
        this.values = values;
        this.writeLog = new WriteLog(keySpace.keysMax());
        this.counterLog = new CounterLog(keySpace.keysMax());
        this.contexts = new ChunkedArray<>(keySpace.keysMax());
        this.checker = new StaleReadChecker(values);
    }

    public KeySpace keySpace() {
        return keySpace;
    }

    public Keys keys() {
        return keys;
    }

    public Values values() {
        return values;
    }

    public WriteLog writeLog() {
        return writeLog;
    }

    public CounterLog counterLog() {
        return counterLog;
    }

    public StaleReadChecker checker() {
        return checker;
    }

    /**
     * The latest context the driver saw for a key (from a read or a write acknowledgement), which an
     * update writes back with so that it replaces what the driver knew instead of adding a sibling.
     * Last completion wins: an older context landing late only means one sibling, resolved later.
     */
    public byte[] context(long keyIndex) {
        return contexts.get(keyIndex);
    }

    public void rememberContext(long keyIndex, byte[] context) {
        contexts.set(keyIndex, context);
    }

    /** A writer id unique within the run; write ids are built from it so they never collide. */
    int newWriter() {
        int id = writers.incrementAndGet();
        if (id >= 1 << 23) throw new IllegalStateException("too many driver threads: " + id);
        return id;
    }
}
