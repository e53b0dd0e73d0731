package io.chorus.client;

import java.util.Arrays;

/**
 * A node's recent answer times: the last {@value #SAMPLES} samples, with their median and 99th
 * percentile recomputed every {@value #RECOMPUTE_EVERY} samples (a sort of {@value #SAMPLES} longs,
 * a few microseconds, amortised to tens of nanoseconds per answer). Hedging asks the p99; the
 * {@link NodeState} view shows both.
 *
 * <p>Written by the threads that complete requests (the client's event loops), read by any thread:
 * a racing writer may lose a sample, which an estimate can afford; the published percentiles are
 * volatile.
 */
final class LatencyWindow {
    static final int SAMPLES = 256;
    static final int RECOMPUTE_EVERY = 32;
    /** Fewer samples than this and there is no estimate (a p99 of three answers means nothing). */
    static final int SAMPLES_FOR_ESTIMATE = 32;

    private final long[] samplesNanos = new long[SAMPLES];
    private long recorded; // racy counter: see the class comment
    private volatile long p50Nanos = -1;
    private volatile long p99Nanos = -1;

    void record(long nanos) {
        assert nanos >= 0 : "a negative latency " + nanos;
        long n = recorded++;
        samplesNanos[(int) (n % SAMPLES)] = nanos;
        if ((n + 1) % RECOMPUTE_EVERY == 0 && n + 1 >= SAMPLES_FOR_ESTIMATE) recompute((int) Math.min(n + 1, SAMPLES));
    }

    private void recompute(int count) {
        long[] sorted = Arrays.copyOf(samplesNanos, count);
        Arrays.sort(sorted);
        p50Nanos = sorted[(count - 1) / 2];
        p99Nanos = sorted[(int) Math.ceil(count * 0.99) - 1];
    }

    /** The recent 99th percentile in nanoseconds; -1 until there are enough samples. */
    long p99Nanos() {
        return p99Nanos;
    }

    /** The recent median in nanoseconds; -1 until there are enough samples. */
    long p50Nanos() {
        return p50Nanos;
    }
}
