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
        Verifier.Result verification = config.verify() && !stopping ? verify() : null;
        return new BenchResult(config, target, load, run, shared.checker().checkedCount(), shared.checker().staleCount(),
                shared.checker().examples(), shared.writeLog().trimCount(), verification, stopping);
    }

    private Verifier.Result verify() throws InterruptedException {
        Verifier.ReadBack readBack;
        if (config.workload().counters()) {
            out.printf("verifying that every counter incremented holds its acknowledged increments, at %s ...%n", config.verifyLevel());
            readBack = new CounterReadBack(shared, config.verifyLevel(), config.awaitNanos());
        } else {
            out.printf("verifying that every acknowledged write (%d) is readable, at %s ...%n",
                    shared.writeLog().acknowledgedCount(), config.verifyLevel());
            readBack = new WriteReadBack(shared, config.verifyLevel(), config.awaitNanos());
        }
        return new Verifier(readBack, shared.keys(), stores, config.verifyLevel(), config.threads(), ticker,
                config.verifyTimeout().toNanos()).reportingTo(out).verify();
    }

    /**
     * The load: every record written once (a read for its context, then a put), or for counters
     * every counter's start read at the verify level, which the counter checks count from.
     */
    private PhaseResult loadPhase() throws InterruptedException {
        boolean counters = config.workload().counters();
        OpType op = counters ? OpType.COUNTER_READ : OpType.INSERT;
        PhaseMetrics metrics = new PhaseMetrics(List.of(op), false);
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
                        boolean ok = counters ? ops.loadCounter(i, config.verifyLevel()) : ops.load(i);
                        if (ok) recorders.record(op, ticker.nanoTime() - start, 0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (counters) {
            out.printf("load: reading the start of %d counters at %s, %d threads%n", config.records(), config.verifyLevel(), config.threads());
        } else {
            out.printf("load: %s, %d threads, write %s%n", config.describeData(), config.threads(), config.describeWriteLevel());
        }
        return measure("load", metrics, loaders, 0);
    }

    private PhaseResult runPhase() throws InterruptedException {
        PhaseMetrics metrics = new PhaseMetrics(config.mix().types(), config.openLoop());
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
            workers.add(new Worker(operations(t, metrics, chooser, random), config.mix(), pacer, ticker,
                    control, metrics.newThread(), random));
        }
        out.printf("run: workload %s, %d threads over %d connection(s), %s, read %s / write %s%n",
                config.describeWorkload(), config.threads(), config.connections(),
                config.openLoop() ? String.format("open loop at %.0f ops/s", config.rateOpsPerSecond()) : "closed loop",
                config.readLevel(), config.describeWriteLevel());
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
