package io.chorus.bench.run;

import io.chorus.bench.store.Store;
import io.chorus.bench.workload.Keys;
import io.chorus.replication.state.Consistency;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The final check: reads back every key the run wrote and judges each with a {@link ReadBack}:
 * every acknowledged write readable ({@link WriteReadBack}), or every counter within the bounds
 * its increments set ({@link CounterReadBack}). Keys that fail in a way that may still mend (a
 * replica written at ONE still catching up) are read again, with a pause, until {@code timeout};
 * what still fails then is reported, never retried forever.
 */
public final class Verifier {
    /** Pause between rounds of re-reading the keys that failed. */
    static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final int EXAMPLES_MAX = 5;
    static final long PROGRESS_MILLIS = 1000;

    /**
     * What the read-back checks: which keys, and how the read of one is judged. Thread-safe: the
     * read-back's threads call {@link #check} at once.
     */
    public interface ReadBack {
        /** The keys to read back. */
        long[] keys();

        /** Reads {@code keyIndex} through {@code store} and judges it: null when it verified. Throws when the read fails. */
        Miss check(Store store, long keyIndex) throws Exception;

        /** What the run had acknowledged: writes, or for counters increments. */
        long acknowledged();

        /** What a counter read-back found beyond the verdicts; null for writes. */
        default CounterTotals counterTotals() {
            return null;
        }
    }

    /** A key that did not verify: why (for the examples), and whether reading it again later may help. */
    public record Miss(String why, boolean mayMend) {
    }

    /**
     * @param indeterminate        increments whose outcome was unknown (they timed out), which widened their counters' range
     * @param indeterminateApplied of those, how many the counters that verified show
     * @param countersSkipped      counters incremented but not checked, since the load could not read their start
     */
    public record CounterTotals(long indeterminate, long indeterminateApplied, long countersSkipped) {
    }

    /**
     * @param acknowledgedWrites writes acknowledged in the run (the load included); for counters, increments
     * @param keysRead           keys read back
     * @param missingKeys        keys whose read, after every retry, still did not verify
     * @param errorKeys          keys that could not be read at all (errors) by the deadline
     * @param rounds             passes over the keys (1 when everything verified at once)
     * @param counters           for the counter workload, what else the read-back found; null otherwise
     */
    public record Result(long acknowledgedWrites, long keysRead, long missingKeys, long errorKeys, int rounds,
                         Consistency level, List<String> examples, CounterTotals counters) {
        public boolean allVerified() {
            return missingKeys == 0 && errorKeys == 0;
        }
    }

    private final ReadBack readBack;
    private final Keys keyNames;
    private final List<Store> stores;
    private final Consistency level;
    private final int threads;
    private final Ticker ticker;
    private final long timeoutNanos;
    private PrintStream progress;

    /** Reads back every acknowledged write of {@code shared}'s write log. */
    public Verifier(SharedState shared, List<Store> stores, Consistency level, int threads, Ticker ticker,
                    long awaitNanos, long timeoutNanos) {
        this(new WriteReadBack(shared, level, awaitNanos), shared.keys(), stores, level, threads, ticker, timeoutNanos);
    }

    /** @param level only for the result: {@code readBack} reads at it */
    public Verifier(ReadBack readBack, Keys keys, List<Store> stores, Consistency level, int threads, Ticker ticker, long timeoutNanos) {
        this.readBack = readBack;
        this.keyNames = keys;
        this.stores = List.copyOf(stores);
        this.level = level;
        this.threads = threads;
        this.ticker = ticker;
        this.timeoutNanos = timeoutNanos;
    }

    /** Prints a progress line about once a second while a round of reads is under way. */
    public Verifier reportingTo(PrintStream out) {
        this.progress = out;
        return this;
    }

    public Result verify() throws InterruptedException {
        long[] pending = readBack.keys();
        long keysRead = pending.length;
        long deadline = ticker.nanoTime() + timeoutNanos;
        int rounds = 0;
        long settled = 0; // keys that failed for good: not read again
        List<String> settledExamples = new ArrayList<>();
        Round round;
        while (true) {
            rounds++;
            round = readAll(pending);
            settled += round.settled.get();
            round.settledExamples.stream().limit(EXAMPLES_MAX - settledExamples.size()).forEach(settledExamples::add);
            pending = round.failedKeys();
            if (pending.length == 0 || ticker.nanoTime() - deadline >= 0) break;
            ticker.parkUntil(Math.min(deadline, ticker.nanoTime() + RETRY_PAUSE_NANOS));
        }
        List<String> examples = new ArrayList<>(settledExamples);
        round.examples.stream().limit(EXAMPLES_MAX - examples.size()).forEach(examples::add);
        return new Result(readBack.acknowledged(), keysRead, settled + round.missing.get(), round.errors.get(),
                rounds, level, List.copyOf(examples), readBack.counterTotals());
    }

    /** The stage's result, waiting at most {@code awaitNanos}: the read-backs' one way to wait for a read. */
    static <T> T await(CompletionStage<T> stage, long awaitNanos) throws Exception {
        return stage.toCompletableFuture().get(awaitNanos, TimeUnit.NANOSECONDS);
    }

    private final class Round {
        final long[] keys;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger missing = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> failed = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> settledExamples = new ConcurrentLinkedQueue<>();

        Round(long[] keys) {
            this.keys = keys;
        }

        void readSome(Store store) {
            for (int i = next.getAndIncrement(); i < keys.length; i = next.getAndIncrement()) {
                if (Thread.currentThread().isInterrupted()) return;
                readOne(store, keys[i]);
            }
        }

        void readOne(Store store, long keyIndex) {
            Miss miss;
            try {
                miss = readBack.check(store, keyIndex);
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                errors.incrementAndGet();
                failed.add(keyIndex);
                if (examples.size() < EXAMPLES_MAX) examples.add("read of " + keyNames.keyText(keyIndex) + " failed: " + store.errorKind(e));
                return;
            }
            if (miss == null) return;
            if (!miss.mayMend()) {
                settled.incrementAndGet();
                if (settledExamples.size() < EXAMPLES_MAX) settledExamples.add(miss.why());
                return;
            }
            missing.incrementAndGet();
            failed.add(keyIndex);
            if (examples.size() < EXAMPLES_MAX) examples.add(miss.why());
        }

        long[] failedKeys() {
            return failed.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    private Round readAll(long[] keys) throws InterruptedException {
        Round round = new Round(keys);
        int count = Math.min(threads, Math.max(1, keys.length));
        List<Thread> running = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            Store store = stores.get(t % stores.size());
            Thread thread = new Thread(() -> round.readSome(store), "chorus-bench-verify-" + t);
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        try {
            long started = ticker.nanoTime();
            for (Thread thread : running) {
                while (thread.isAlive()) {
                    thread.join(PROGRESS_MILLIS);
                    if (thread.isAlive() && progress != null) {
                        progress.printf("[verify %4.0fs] %d of %d keys read%n", (ticker.nanoTime() - started) / 1e9,
                                Math.min(round.next.get(), keys.length), keys.length);
                    }
                }
            }
        } catch (InterruptedException e) {
            running.forEach(Thread::interrupt);
            throw e;
        }
        return round;
    }
}
