package io.chorus.bench.run;

import io.chorus.bench.report.PhaseResult;
import io.chorus.bench.report.ProgressSample;
import io.chorus.bench.report.BenchResult;
import io.chorus.bench.report.Format;
import io.chorus.bench.store.Store;
import io.chorus.bench.workload.KeyChooser;
import io.chorus.bench.workload.KeySpace;
import io.chorus.bench.workload.Keys;
import io.chorus.bench.workload.OpType;
import io.chorus.bench.workload.Values;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@code chorus bench}: the load phase, the measured run, the final verification, printing a
 * progress line per second. Driver threads do the work; the calling thread only reports.
 */
public final class Driver {
    static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BenchConfig config;
    private final List<Store> stores;
    private final Ticker ticker;
    private final PrintStream out;
    private final SharedState shared;
    private final SplittableRandom seeds;
    private volatile RunControl current;
    private volatile boolean stopping;

    /** @param stores one per connection; driver thread i uses {@code stores[i % size]} */
    public Driver(BenchConfig config, List<Store> stores, Ticker ticker, PrintStream out, int runId) {
        if (stores.isEmpty()) throw new IllegalArgumentException("no store to drive");
        this.config = config;
        this.stores = List.copyOf(stores);
        this.ticker = ticker;
        this.out = out;
        this.shared = new SharedState(new KeySpace(config.records(), config.keysMax()), new Keys(config.keyPrefix()),
                new Values(runId, config.valueBytes()));
        this.seeds = new SplittableRandom(config.seed());
    }

    public SharedState shared() {
        return shared;
    }

    /** Ends the current phase early and skips what is left (Ctrl-C). The summary is still printed. */
    public void stop() {
        stopping = true;
        RunControl c = current;
        if (c != null) c.stop();
    }

    public BenchResult run(String target) throws InterruptedException {
        PhaseResult load = config.load() && !stopping ? loadPhase() : null;
        PhaseResult run = config.runPhase() && !stopping ? runPhase() : null;
        Verifier.Result verification = null;
        if (config.verify() && !stopping) {
            out.printf("verifying that every acknowledged write (%d) is readable, at %s ...%n",
                    shared.writeLog().acknowledgedCount(), config.verifyLevel());
            verification = new Verifier(shared, stores, config.verifyLevel(), config.threads(), ticker,
                    config.awaitNanos(), config.verifyTimeout().toNanos()).reportingTo(out).verify();
        }
        return new BenchResult(config, target, load, run, shared.checker().checkedCount(), shared.checker().staleCount(),
                shared.checker().examples(), shared.writeLog().trimCount(), verification, stopping);
    }

    private PhaseResult loadPhase() throws InterruptedException {
        PhaseMetrics metrics = new PhaseMetrics(List.of(OpType.INSERT), false);
        RunControl control = new RunControl(Long.MAX_VALUE, Long.MAX_VALUE);
        current = control;
        AtomicLong next = new AtomicLong();
        List<Runnable> loaders = new ArrayList<>();
        for (int t = 0; t < config.threads(); t++) {
            Operations ops = operations(t, metrics, null, seeds.split());
            ThreadRecorders recorders = metrics.newThread();
            loaders.add(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < config.records() && control.admit(0); i = next.getAndIncrement()) {
                        long start = ticker.nanoTime();
                        if (ops.load(i)) recorders.record(OpType.INSERT, ticker.nanoTime() - start, 0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        out.printf("load: %d records of %d B, %d threads, write %s%n", config.records(), config.valueBytes(), config.threads(), config.writeLevel());
        return measure("load", metrics, loaders, 0);
    }

    private PhaseResult runPhase() throws InterruptedException {
        PhaseMetrics metrics = new PhaseMetrics(config.workload().mix().types(), config.openLoop());
        long start = ticker.nanoTime();
        long warmupNanos = config.warmup().toNanos();
        long deadline = config.duration().isZero() ? Long.MAX_VALUE : start + warmupNanos + config.duration().toNanos();
        RunControl control = new RunControl(deadline, config.opsMax());
        current = control;
        KeyChooser chooser = KeyChooser.of(config.distribution(), shared.keySpace());
        List<Runnable> workers = new ArrayList<>();
        for (int t = 0; t < config.threads(); t++) {
            SplittableRandom random = seeds.split();
            Pacer pacer = config.openLoop() ? Pacer.fixedRate(config.rateOpsPerSecond(), config.threads(), t, start) : Pacer.closedLoop();
            workers.add(new Worker(operations(t, metrics, chooser, random), config.workload().mix(), pacer, ticker,
                    control, metrics.newThread(), random));
        }
        out.printf("run: workload %s (%s), %d threads over %d connection(s), %s, read %s / write %s%n",
                config.workload(), config.distribution().name().toLowerCase(), config.threads(), config.connections(),
                config.openLoop() ? String.format("open loop at %.0f ops/s", config.rateOpsPerSecond()) : "closed loop",
                config.readLevel(), config.writeLevel());
        return measure("run", metrics, workers, warmupNanos);
    }

    private Operations operations(int thread, PhaseMetrics metrics, KeyChooser chooser, SplittableRandom random) {
        return new Operations(shared, stores.get(thread % stores.size()), config.readLevel(), config.writeLevel(), ticker,
                config.awaitNanos(), metrics, chooser, random);
    }

    /** Starts the threads and reports once a second until they have all finished. */
    private PhaseResult measure(String phase, PhaseMetrics metrics, List<Runnable> work, long warmupNanos) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(work.size());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            Runnable r = work.get(i);
            Thread thread = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    done.countDown();
                }
            }, "chorus-bench-" + phase + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        long start = ticker.nanoTime();
        threads.forEach(Thread::start);
        List<ProgressSample> timeline = new ArrayList<>();
        long warmupEnd = start + warmupNanos;
        long measureStart = warmupNanos > 0 ? warmupEnd : start;
        long intervalStart = start;
        long nextTick = start + Math.min(TICK_NANOS, warmupNanos > 0 ? warmupNanos : TICK_NANOS);
        boolean finished = false;
        try {
            while (!finished) {
                finished = done.await(Math.max(0, nextTick - ticker.nanoTime()), TimeUnit.NANOSECONDS);
                long now = ticker.nanoTime();
                boolean warmup = intervalStart - warmupEnd < 0;
                ProgressSample sample = sample(phase, metrics, metrics.drain(warmup), start, intervalStart, now, warmup);
                timeline.add(sample);
                out.println(sample.line());
                if (warmup && now - warmupEnd >= 0) {
                    metrics.resetErrors();
                    measureStart = now;
                }
                intervalStart = now;
                nextTick = warmup && warmupEnd - now > 0 ? Math.min(now + TICK_NANOS, warmupEnd) : now + TICK_NANOS;
            }
        } catch (InterruptedException e) {
            stop();
            threads.forEach(Thread::interrupt);
            throw e;
        }
        double measured = Math.max(0, intervalStart - measureStart) / 1e9;
        return new PhaseResult(phase, metrics, measured, List.copyOf(timeline));
    }

    private ProgressSample sample(String phase, PhaseMetrics metrics, Map<OpType, Histogram> interval, long start,
                                  long from, long to, boolean warmup) {
        List<ProgressSample.TypeSample> types = new ArrayList<>();
        for (OpType t : metrics.types()) {
            Histogram h = interval.get(t);
            types.add(new ProgressSample.TypeSample(t, h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99)));
        }
        return new ProgressSample(phase, (to - start) / 1e9, (to - from) / 1e9, warmup, types, metrics.errorCount(),
                Format.counts(metrics.errorsByKind()), shared.checker().staleCount());
    }
}
