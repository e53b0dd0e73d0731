package io.chorus.bench.run;

import io.chorus.bench.check.Frontier;
import io.chorus.bench.check.WriteRecord;
import io.chorus.bench.store.ErrorKinds;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreAck;
import io.chorus.bench.store.StoreRead;
import io.chorus.bench.workload.KeyChooser;
import io.chorus.bench.workload.OpType;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.coordinator.Consistency;
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

    /** The call's result, or null after counting its failure. */
    private <T> T await(OpType as, CompletionStage<T> stage) throws InterruptedException {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.get(awaitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            metrics.error(as, store.errorKind(e.getCause() == null ? e : e.getCause()));
        } catch (TimeoutException e) {
            future.cancel(false);
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
