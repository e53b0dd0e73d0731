package io.chorus.bench.run;

import io.chorus.bench.check.Freshness;
import io.chorus.bench.check.Frontier;
import io.chorus.bench.check.WriteRecord;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreRead;
import io.chorus.replication.coordinator.Consistency;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The final check: every acknowledged write of the run is readable. Reads back every key the run
 * wrote and checks it against the key's {@link Frontier} with the same rule as the stale-read
 * checker (a write superseded by another acknowledged write counts as verified through it). Keys
 * that fail are read again, with a pause, until {@code timeout}: replicas that were behind (a write
 * at ONE) may still be catching up. What still fails then is reported, never retried forever.
 */
public final class Verifier {
    /** Pause between rounds of re-reading the keys that failed. */
    static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final int EXAMPLES_MAX = 5;
    static final long PROGRESS_MILLIS = 1000;

    private final SharedState shared;
    private final List<Store> stores;
    private final Consistency level;
    private final int threads;
    private final Ticker ticker;
    private final long awaitNanos;
    private final long timeoutNanos;
    private PrintStream progress;

    public Verifier(SharedState shared, List<Store> stores, Consistency level, int threads, Ticker ticker,
                    long awaitNanos, long timeoutNanos) {
        this.shared = shared;
        this.stores = List.copyOf(stores);
        this.level = level;
        this.threads = threads;
        this.ticker = ticker;
        this.awaitNanos = awaitNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /** Prints a progress line about once a second while a round of reads is under way. */
    public Verifier reportingTo(PrintStream out) {
        this.progress = out;
        return this;
    }

    /**
     * @param acknowledgedWrites writes acknowledged in the run (the load included)
     * @param keysRead           keys read back
     * @param missingKeys        keys whose read, after every retry, still missed an acknowledged write
     * @param errorKeys          keys that could not be read at all (errors) by the deadline
     * @param rounds             passes over the keys (1 when everything verified at once)
     */
    public record Result(long acknowledgedWrites, long keysRead, long missingKeys, long errorKeys, int rounds,
                         Consistency level, List<String> examples) {
        public boolean allVerified() {
            return missingKeys == 0 && errorKeys == 0;
        }
    }

    public Result verify() throws InterruptedException {
        long[] pending = writtenKeys();
        long keysRead = pending.length;
        long deadline = ticker.nanoTime() + timeoutNanos;
        int rounds = 0;
        Round round;
        while (true) {
            rounds++;
            round = readAll(pending);
            pending = round.failedKeys();
            if (pending.length == 0 || ticker.nanoTime() - deadline >= 0) break;
            ticker.parkUntil(Math.min(deadline, ticker.nanoTime() + RETRY_PAUSE_NANOS));
        }
        List<String> examples = round.examples.stream().limit(EXAMPLES_MAX).toList();
        return new Result(shared.writeLog().acknowledgedCount(), keysRead, round.missing.get(), round.errors.get(),
                rounds, level, examples);
    }

    private long[] writtenKeys() {
        long[][] holder = {new long[1024]};
        int[] n = {0};
        shared.writeLog().forEachWrittenKey(shared.keySpace().claimed(), index -> {
            if (n[0] == holder[0].length) holder[0] = Arrays.copyOf(holder[0], n[0] * 2);
            holder[0][n[0]++] = index;
        });
        return Arrays.copyOf(holder[0], n[0]);
    }

    private final class Round {
        final long[] keys;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger missing = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> failed = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();

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
            Frontier expected = shared.writeLog().frontier(keyIndex);
            String key = shared.keys().keyText(keyIndex);
            StoreRead read;
            try {
                read = store.get(shared.keys().key(keyIndex), level).toCompletableFuture().get(awaitNanos, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                errors.incrementAndGet();
                failed.add(keyIndex);
                if (examples.size() < EXAMPLES_MAX) examples.add("read of " + key + " failed: " + store.errorKind(e));
                return;
            }
            WriteRecord missed = Freshness.firstMissed(expected, read, shared.values());
            if (missed == null) return;
            missing.incrementAndGet();
            failed.add(keyIndex);
            if (examples.size() < EXAMPLES_MAX) {
                examples.add(key + " does not show acknowledged write " + missed.writeId() + " (ack context " + missed.ack()
                        + "): read returned " + read.values().size() + " value(s)");
            }
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
