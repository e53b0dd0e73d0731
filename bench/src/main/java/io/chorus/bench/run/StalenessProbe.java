package io.chorus.bench.run;

import io.chorus.bench.check.Freshness;
import io.chorus.bench.check.Frontier;
import io.chorus.bench.check.StalenessPoint;
import io.chorus.bench.check.WriteLog;
import io.chorus.bench.check.WriteRecord;
import io.chorus.bench.store.ErrorKinds;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreAck;
import io.chorus.bench.store.StoreRead;
import io.chorus.bench.workload.Keys;
import io.chorus.bench.workload.Values;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures probabilistically bounded staleness: for each delay t, writes a fresh key, waits until t
 * after the acknowledgement, reads it, and counts the reads that miss the write (by the same
 * freshness rule as the run's checker). The write goes where the store routes it (a Chorus key's
 * first replica); the read goes through the node {@link ReadVia} names, by default another replica,
 * so that a miss shows replication lag. The delays are interleaved (sample k uses delay k mod
 * count), so a drift in load over the run affects every delay alike.
 */
public final class StalenessProbe {

    /**
     * @param delaysMillis    the values of t
     * @param samplesPerDelay probes per value of t
     * @param readVia         the node each read goes through
     */
    public record Config(double[] delaysMillis, int samplesPerDelay, int threads, Consistency writeLevel,
                         Consistency readLevel, ReadVia readVia, String keyPrefix, int valueBytes, long awaitNanos) {
        public Config {
            Objects.requireNonNull(readVia, "readVia");
            if (delaysMillis.length == 0) throw new IllegalArgumentException("--delays needs at least one value");
            for (double d : delaysMillis) {
                if (!(d >= 0)) throw new IllegalArgumentException("--delays must be >= 0 ms, got " + d);
            }
            if (samplesPerDelay < 1) throw new IllegalArgumentException("--samples must be >= 1, got " + samplesPerDelay);
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
    }

    private final Config config;
    private final List<Store> stores;
    private final Ticker ticker;
    private final Values values;
    private final Keys keys;
    private final LongAdder[] samples;
    private final LongAdder[] misses;
    private final LongAdder[] errors;
    private final AtomicLong next = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile boolean stopped;

    public StalenessProbe(Config config, List<Store> stores, Ticker ticker, int runId) {
        this.config = config;
        this.stores = List.copyOf(stores);
        this.ticker = ticker;
        this.values = new Values(runId, config.valueBytes());
        this.keys = new Keys(config.keyPrefix());
        int n = config.delaysMillis().length;
        this.samples = adders(n);
        this.misses = adders(n);
        this.errors = adders(n);
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) a[i] = new LongAdder();
        return a;
    }

    public void stop() {
        stopped = true;
    }

    /** Total probes to make. */
    public long total() {
        return (long) config.samplesPerDelay() * config.delaysMillis().length;
    }

    /** Runs the probes on {@code threads} threads, printing progress each second to {@code out}. */
    public List<StalenessPoint> run(PrintStream out) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(config.threads());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < config.threads(); t++) {
            Store store = stores.get(t % stores.size());
            Thread thread = new Thread(() -> {
                try {
                    probeUntilDone(store);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "chorus-bench-staleness-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            while (!done.await(1, TimeUnit.SECONDS)) {
                out.printf("[staleness] %d of %d probes%n", Math.min(next.get(), total()), total());
            }
        } catch (InterruptedException e) {
            stop();
            threads.forEach(Thread::interrupt);
            throw e;
        }
        return points();
    }

    /** Probes on the calling thread until every sample is taken (tests call it directly). */
    public void probeUntilDone(Store store) throws InterruptedException {
        for (long slot = next.getAndIncrement(); slot < total() && !stopped; slot = next.getAndIncrement()) {
            probe(store, slot);
        }
    }

    private void probe(Store store, long slot) throws InterruptedException {
        int delay = (int) (slot % config.delaysMillis().length);
        long writeId = slot + 1;
        byte[] key = keys.key(slot);
        try {
            StoreAck ack = await(store.put(key, values.make(slot, writeId), null, config.writeLevel()));
            long ackNanos = ticker.nanoTime();
            WriteRecord write = new WriteRecord(writeId, VersionVector.empty(), decode(ack.context()), ackNanos);
            ticker.parkUntil(ackNanos + (long) (config.delaysMillis()[delay] * 1e6));
            StoreRead read = await(read(store, key));
            Frontier expected = Frontier.EMPTY.withAck(write, WriteLog.FRONTIER_WRITES_MAX);
            samples[delay].increment();
            if (Freshness.firstMissed(expected, read, values) != null) misses[delay].increment();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            errors[delay].increment();
            firstError.compareAndSet(null, store.errorKind(e) + ": " + ErrorKinds.unwrap(e).getMessage());
        }
    }

    private CompletionStage<StoreRead> read(Store store, byte[] key) {
        if (config.readVia() == ReadVia.SAME) return store.get(key, config.readLevel());
        return store.getThroughReplica(key, config.readLevel(), config.readVia().replicaIndex);
    }

    private <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(config.awaitNanos(), TimeUnit.NANOSECONDS);
    }

    private static VersionVector decode(byte[] context) {
        try {
            return CausalContext.decode(context);
        } catch (IllegalArgumentException e) {
            return VersionVector.empty();
        }
    }

    /** The first failed probe's error kind and message, or null when none failed: errors alone do not say why. */
    public String firstError() {
        return firstError.get();
    }

    public List<StalenessPoint> points() {
        List<StalenessPoint> points = new ArrayList<>();
        for (int i = 0; i < config.delaysMillis().length; i++) {
            points.add(new StalenessPoint(config.delaysMillis()[i], samples[i].sum(), misses[i].sum(), errors[i].sum()));
        }
        return points;
    }
}
