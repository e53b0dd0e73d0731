package io.chorus.bench.clientcpu;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.replication.state.Consistency;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Threads calling the client synchronously, each on keys of its own (so a put with the context of
 * the thread's last answer for the key replaces the value instead of adding a sibling), with as
 * little work around the calls as possible: no histograms, no checks, a pre-made value. Between
 * the end of the warm-up and the end of the run it reads {@link ProcessCounters} and prints the
 * JVM's CPU and context switches per operation, and the CPU of its thread groups.
 *
 * @param threads       callers, each with one call in flight
 * @param keysPerThread keys each thread cycles through at random
 * @param valueBytes    size of every value written
 * @param readShare     share of the calls that are gets, the rest puts
 */
public record ClientCpuRun(int threads, int keysPerThread, int valueBytes, double readShare, Consistency consistency,
                    Duration warmup, Duration duration) {

    /** What the window measured; {@code ops} counts successful calls only. */
    public record Result(long ops, long errors, double seconds, ProcessCounters before, ProcessCounters after) {
        double opsPerSecond() {
            return ops / seconds;
        }

        double cpuMillisPerOp() {
            return (after.userNanos() + after.systemNanos() - before.userNanos() - before.systemNanos()) / 1e6 / ops;
        }

        double systemMillisPerOp() {
            return (after.systemNanos() - before.systemNanos()) / 1e6 / ops;
        }

        double voluntaryPerOp() {
            return (double) (after.voluntary() - before.voluntary()) / ops;
        }

        double involuntaryPerOp() {
            return (double) (after.involuntary() - before.involuntary()) / ops;
        }

        /** Thread groups' CPU in ms per op over the window (groups absent before started inside it). */
        Map<String, Double> threadGroupMillisPerOp() {
            Map<String, Double> perOp = new TreeMap<>();
            after.threadGroupNanos().forEach((group, nanos) ->
                    perOp.put(group, (nanos - before.threadGroupNanos().getOrDefault(group, 0L)) / 1e6 / ops));
            return perOp;
        }
    }

    /** The same run without its warm-up: the next window of a client already warm. */
    public ClientCpuRun warm() {
        return new ClientCpuRun(threads, keysPerThread, valueBytes, readShare, consistency, Duration.ZERO, duration);
    }

    public Result run(ChorusClient client) throws InterruptedException {
        LongAdder ops = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        long startNanos = System.nanoTime();
        long measureFromNanos = startNanos + warmup.toNanos();
        long endNanos = measureFromNanos + duration.toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread caller = new Thread(() -> call(client, index, stop, ops, errors), "caller-" + t);
            caller.setDaemon(true);
            callers.add(caller);
        }
        callers.forEach(Thread::start);
        sleepUntil(measureFromNanos);
        long opsBefore = ops.sum();
        long errorsBefore = errors.sum();
        ProcessCounters before = ProcessCounters.read();
        long windowStartNanos = System.nanoTime();
        sleepUntil(endNanos);
        ProcessCounters after = ProcessCounters.read();
        long windowNanos = System.nanoTime() - windowStartNanos;
        long opsInWindow = ops.sum() - opsBefore;
        long errorsInWindow = errors.sum() - errorsBefore;
        stop.set(true); // only now: a caller that ended inside the window would take its CPU time with it
        for (Thread caller : callers) caller.join();
        return new Result(Math.max(1, opsInWindow), errorsInWindow, windowNanos / 1e9, before, after);
    }

    private void call(ChorusClient client, int thread, AtomicBoolean stop, LongAdder ops, LongAdder errors) {
        SplittableRandom random = new SplittableRandom(thread * 7919L + 1);
        byte[] value = new byte[valueBytes];
        random.nextBytes(value);
        byte[][] keys = new byte[keysPerThread][];
        for (int k = 0; k < keysPerThread; k++) keys[k] = ("cpu-" + thread + "-" + k).getBytes(StandardCharsets.UTF_8);
        Context[] contexts = new Context[keysPerThread];
        while (!stop.get()) {
            int k = random.nextInt(keysPerThread);
            try {
                if (random.nextDouble() < readShare) {
                    ReadResult read = client.get(keys[k], consistency);
                    contexts[k] = read.context();
                } else {
                    Context context = contexts[k] == null ? Context.NONE : contexts[k];
                    contexts[k] = client.put(keys[k], value, context, consistency).context();
                }
                ops.increment();
            } catch (ChorusException e) {
                errors.increment();
                contexts[k] = null;
            }
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) Thread.sleep(Math.max(1, left / 1_000_000));
    }

    public void print(Result r, PrintStream out) {
        out.printf("window %.1f s: %d ops (%.0f ops/s), %d errors%n", r.seconds(), r.ops(), r.opsPerSecond(), r.errors());
        out.printf("client JVM CPU %.4f ms/op (kernel %.4f), voluntary switches %.3f/op, involuntary %.3f/op%n",
                r.cpuMillisPerOp(), r.systemMillisPerOp(), r.voluntaryPerOp(), r.involuntaryPerOp());
        double javaThreads = 0;
        StringBuilder groups = new StringBuilder("by thread (ms/op):");
        for (Map.Entry<String, Double> group : r.threadGroupMillisPerOp().entrySet()) {
            if (group.getValue() < 0.0005) continue;
            javaThreads += group.getValue();
            groups.append(String.format(" %s %.4f", group.getKey(), group.getValue()));
        }
        out.println(groups + String.format(" | GC, JIT and other native threads %.4f", r.cpuMillisPerOp() - javaThreads));
        StringBuilder switches = new StringBuilder("switches by thread (voluntary/involuntary per op):");
        r.after().threadGroupSwitches().forEach((group, after) -> {
            long[] before = r.before().threadGroupSwitches().getOrDefault(group, new long[2]);
            double voluntary = (double) (after[0] - before[0]) / r.ops();
            double involuntary = (double) (after[1] - before[1]) / r.ops();
            if (voluntary + involuntary >= 0.01) switches.append(String.format(" %s %.2f/%.2f", group, voluntary, involuntary));
        });
        out.println(switches);
    }
}
