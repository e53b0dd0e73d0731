package io.chorus.bench.run;

import io.chorus.bench.check.CounterTally;
import io.chorus.bench.check.Frontier;
import io.chorus.bench.check.WriteRecord;
import io.chorus.bench.store.ErrorKinds;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreAck;
import io.chorus.bench.store.StoreRead;
import io.chorus.bench.workload.KeyChooser;
import io.chorus.bench.workload.OpType;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operations of one driver thread: each sends its calls, waits for them (one operation in flight
 * per thread, like YCSB's threads), feeds the checker and counts errors. Returns whether the
 * operation succeeded; failures are counted by kind in the phase's metrics, never thrown. Not
 * thread-safe: one per driver thread.
 */
final class Operations {
    private final SharedState shared;
    private final Store store;
    private final Consistency readLevel;
    private final Consistency writeLevel;
    private final Ticker ticker;
    private final long awaitNanos;
    private final PhaseMetrics metrics;
    private final KeyChooser chooser;
    private final SplittableRandom random;
    private final long writerBits;
    private long writeSequence;
    /** The last awaited call's failure; null when it succeeded. */
    private Throwable failure;

    Operations(SharedState shared, Store store, Consistency readLevel, Consistency writeLevel, Ticker ticker,
               long awaitNanos, PhaseMetrics metrics, KeyChooser chooser, SplittableRandom random) {
        this.shared = shared;
        this.store = store;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
        this.ticker = ticker;
        this.awaitNanos = awaitNanos;
        this.metrics = metrics;
        this.chooser = chooser;
        this.random = random;
        this.writerBits = (long) shared.newWriter() << 40;
    }

    boolean execute(OpType type) throws InterruptedException {
        return switch (type) {
            case READ -> read(OpType.READ, chooser.next(random), readLevel) != null;
            case UPDATE -> update(chooser.next(random));
            case INSERT -> insert();
            case READ_MODIFY_WRITE -> readModifyWrite(chooser.next(random));
            case INCREMENT -> increment(chooser.next(random));
            case COUNTER_READ -> readCounter(chooser.next(random));
        };
    }

    /** A read, checked against the writes acknowledged before it started. Null on failure. */
    StoreRead read(OpType as, long keyIndex, Consistency level) throws InterruptedException {
        Frontier before = shared.writeLog().frontier(keyIndex);
        long startNanos = ticker.nanoTime();
        StoreRead read = await(as, store.get(shared.keys().key(keyIndex), level));
        if (read == null) return null;
        if (!read.found()) metrics.notFound();
        if (!before.isEmpty()) shared.checker().check(shared.keys().keyText(keyIndex), before, read, startNanos);
        shared.rememberContext(keyIndex, read.context());
        return read;
    }

    boolean update(long keyIndex) throws InterruptedException {
        return write(OpType.UPDATE, keyIndex, shared.context(keyIndex));
    }

    boolean insert() throws InterruptedException {
        long keyIndex = shared.keySpace().claim();
        if (keyIndex < 0) {
            metrics.error(OpType.INSERT, "KeySpaceFull");
            return false;
        }
        try {
            return write(OpType.INSERT, keyIndex, null);
        } finally {
            shared.keySpace().complete(keyIndex);
        }
    }

    /** A read, then a write of a new value with exactly the context that read returned. */
    boolean readModifyWrite(long keyIndex) throws InterruptedException {
        StoreRead read = read(OpType.READ_MODIFY_WRITE, keyIndex, readLevel);
        return read != null && write(OpType.READ_MODIFY_WRITE, keyIndex, read.context());
    }

    /**
     * One record of the load: a read for the key's current context (so that loading again over an
     * earlier run's data replaces it instead of piling up siblings), then the write.
     */
    boolean load(long keyIndex) throws InterruptedException {
        StoreRead read = await(OpType.INSERT, store.get(shared.keys().key(keyIndex), writeLevel));
        return read != null && write(OpType.INSERT, keyIndex, read.context());
    }

    /** Writes a new unique value with {@code context}; on acknowledgement records it for the checker. */
    boolean write(OpType as, long keyIndex, byte[] context) throws InterruptedException {
        long writeId = writerBits | ++writeSequence;
        byte[] value = shared.values().make(keyIndex, writeId);
        StoreAck ack = await(as, store.put(shared.keys().key(keyIndex), value, context, writeLevel));
        if (ack == null) return false;
        long ackNanos = ticker.nanoTime();
        shared.writeLog().acknowledged(keyIndex, new WriteRecord(writeId, decode(context), decode(ack.context()), ackNanos));
        shared.rememberContext(keyIndex, ack.context());
        return true;
    }

    /**
     * An increment of the counter by 1. Acknowledged, it raises the least value later reads must
     * show; failed in a way that may have counted (a timeout), it widens the counter's allowed range.
     */
    boolean increment(long keyIndex) throws InterruptedException {
        CounterTally tally = shared.counterLog().tally(keyIndex);
        tally.sent();
        try {
            await(OpType.INCREMENT, store.increment(shared.keys().key(keyIndex), 1, writeLevel));
        } catch (InterruptedException e) {
            tally.indeterminate(); // sent, never known
            throw e;
        }
        if (failure == null) tally.acknowledged();
        else if (store.mayHaveBeenApplied(failure)) tally.indeterminate();
        return failure == null;
    }

    /** A read of the counter's value, checked against the increments acknowledged before it started. */
    boolean readCounter(long keyIndex) throws InterruptedException {
        CounterTally tally = shared.counterLog().peek(keyIndex);
        long acknowledgedBefore = tally == null ? 0 : tally.acknowledgedCount();
        Long value = await(OpType.COUNTER_READ, store.counterValue(shared.keys().key(keyIndex), readLevel));
        if (value == null) return false;
        if (acknowledgedBefore > 0 && tally.startKnown()) {
            shared.checker().checkCounter(shared.keys().keyText(keyIndex), acknowledgedBefore, tally.floor(acknowledgedBefore), value);
        }
        return true;
    }

    /**
     * One counter of the load: reads its value at {@code level} before the run, which its bounds
     * count from, so that a run over an earlier run's counters is checked exactly too.
     */
    boolean loadCounter(long keyIndex, Consistency level) throws InterruptedException {
        Long value = await(OpType.COUNTER_READ, store.counterValue(shared.keys().key(keyIndex), level));
        shared.counterLog().tally(keyIndex).started(value == null ? CounterTally.UNKNOWN : value);
        return value != null;
    }

    /** The call's result, or null after counting its failure (then also in {@link #failure}). */
    private <T> T await(OpType as, CompletionStage<T> stage) throws InterruptedException {
        CompletableFuture<T> future = stage.toCompletableFuture();
        failure = null;
        try {
            return future.get(awaitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause() == null ? e : e.getCause();
            metrics.error(as, store.errorKind(failure));
        } catch (TimeoutException e) {
            future.cancel(false);
            failure = e;
            metrics.error(as, ErrorKinds.DRIVER_TIMEOUT);
        }
        return null;
    }

    private static VersionVector decode(byte[] context) {
        try {
            return CausalContext.decode(context);
        } catch (IllegalArgumentException e) {
            return VersionVector.empty(); // proves nothing; Freshness then relies on the value alone
        }
    }
}
