package io.chorus.bench.report;

import io.chorus.bench.workload.OpType;

import java.util.List;

/**
 * One progress interval (about a second): throughput and latency per operation type, and the
 * running error and stale-read counts. The timeline of these goes into the JSON.
 */
public record ProgressSample(String phase, double elapsedSeconds, double intervalSeconds, boolean warmup,
                             List<TypeSample> types, long errorsTotal, String errorsByKind, long staleTotal) {

    /** Latencies in microseconds, from the interval's histogram. */
    public record TypeSample(OpType type, long count, long p50Micros, long p99Micros) {
    }

    public long count() {
        long sum = 0;
        for (TypeSample t : types) sum += t.count();
        return sum;
    }

    public double opsPerSecond() {
        return intervalSeconds > 0 ? count() / intervalSeconds : 0;
    }

    /** The line printed every second, e.g. {@code [run 12s] 4321 ops/s | read 2160/s p50 1.21 p99 5.33 ms | ...}. */
    public String line() {
        StringBuilder b = new StringBuilder(160);
        b.append('[').append(phase).append(warmup ? " warm-up " : " ")
                .append(String.format("%4.0fs", elapsedSeconds)).append("] ")
                .append(String.format("%7.0f ops/s", opsPerSecond()));
        for (TypeSample t : types) {
            b.append(" | ").append(t.type().label()).append(' ')
                    .append(String.format("%.0f/s", intervalSeconds > 0 ? t.count() / intervalSeconds : 0));
            if (t.count() > 0) {
                b.append(" p50 ").append(Format.millis(t.p50Micros())).append(" p99 ").append(Format.millis(t.p99Micros())).append(" ms");
            }
        }
        b.append(" | errors ").append(errorsTotal);
        if (errorsTotal > 0) b.append(" (").append(errorsByKind).append(')');
        b.append(" | stale ").append(staleTotal);
        return b.toString();
    }
}
