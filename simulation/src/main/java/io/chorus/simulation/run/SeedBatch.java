package io.chorus.simulation.run;

import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs many seeds on a few threads. Each seed runs alone on one thread with its own world and
 * codec, so it is exactly as deterministic as a single replay; only the order in which results
 * arrive varies.
 */
public final class SeedBatch {
    private SeedBatch() {
    }

    /**
     * @param onResult called (from one thread at a time) as each seed finishes
     */
    public static BatchSummary run(List<Long> seeds, RunOptions options, ReplicaFactory factory,
                                   int threads, Consumer<RunResult> onResult) {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "simulate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    RunResult result;
                    try {
                        result = SeedRunner.run(seed, options, factory, Trace.OFF);
                    } catch (RuntimeException | AssertionError e) { // the simulator's own bug: name the seed that shows it
                        throw new IllegalStateException("seed " + seed + " crashed the simulator: " + e, e);
                    }
                    synchronized (onResult) {
                        onResult.accept(result);
                    }
                    return result;
                }));
            }
            List<Long> failed = new ArrayList<>();
            List<Long> convergence = new ArrayList<>();
            long virtualMicros = 0, ops = 0, crdtOps = 0, events = 0, durableAcked = 0, durableLost = 0, sessionReads = 0, sessionViolations = 0;
            for (Future<RunResult> future : futures) {
                RunResult result = future.get();
                if (!result.passed()) failed.add(result.parameters().seed());
                virtualMicros += result.endMicros();
                ops += result.opsChecked();
                crdtOps += result.crdtOps();
                events += result.events();
                durableAcked += result.durableWritesAcked();
                durableLost += result.durableWritesLost();
                if (result.healToConvergenceMicros() >= 0) convergence.add(result.healToConvergenceMicros());
                sessionReads += result.sessionReads();
                sessionViolations += result.sessionViolations();
            }
            return new BatchSummary(seeds.size(), failed, virtualMicros, ops, crdtOps, durableAcked, durableLost, events, (System.nanoTime() - started) / 1_000_000,
                    convergence, sessionReads, sessionViolations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running seeds", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seeds {@code from}, {@code from + 1}, ... ({@code count} of them). */
    public static List<Long> range(long from, int count) {
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) seeds.add(from + i);
        return seeds;
    }
}
