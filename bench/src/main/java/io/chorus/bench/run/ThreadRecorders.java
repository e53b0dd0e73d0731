package io.chorus.bench.run;

import io.chorus.bench.workload.OpType;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The latency recorders of one driver thread, one per operation type (only the types the workload
 * uses are allocated): the thread records without locks or allocation, and the reporter thread
 * takes interval histograms from them. Values are microseconds.
 *
 * <p>{@code response} is measured from the intended start (the number reported); {@code service}
 * from the actual send, kept only in open loop where the two differ.
 */
public final class ThreadRecorders {
    /** Latencies above this are recorded as this (an op the driver waited on for 10 minutes). */
    public static final long LATENCY_MICROS_MAX = 600_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder[] response = new SingleWriterRecorder[OpType.values().length];
    private final SingleWriterRecorder[] service;

    ThreadRecorders(Iterable<OpType> types, boolean keepServiceTime) {
        this.service = keepServiceTime ? new SingleWriterRecorder[OpType.values().length] : null;
        for (OpType t : types) {
            response[t.ordinal()] = newRecorder();
            if (service != null) service[t.ordinal()] = newRecorder();
        }
    }

    static SingleWriterRecorder newRecorder() {
        return new SingleWriterRecorder(1, LATENCY_MICROS_MAX, SIGNIFICANT_DIGITS);
    }

    static Histogram newHistogram() {
        return new Histogram(1, LATENCY_MICROS_MAX, SIGNIFICANT_DIGITS);
    }

    public void record(OpType type, long responseNanos, long serviceNanos) {
        SingleWriterRecorder r = response[type.ordinal()];
        assert r != null : "no recorder for " + type + ": not in the workload's mix";
        r.recordValue(toMicros(responseNanos));
        if (service != null) service[type.ordinal()].recordValue(toMicros(serviceNanos));
    }

    static long toMicros(long nanos) {
        return Math.min(Math.max(nanos, 0) / 1000, LATENCY_MICROS_MAX);
    }

    /** Adds what was recorded since the last call into {@code responseInto}/{@code serviceInto}. */
    void drainInto(OpType type, Histogram responseInto, Histogram serviceInto) {
        SingleWriterRecorder r = response[type.ordinal()];
        if (r == null) return;
        responseInto.add(r.getIntervalHistogram());
        if (service != null && serviceInto != null) serviceInto.add(service[type.ordinal()].getIntervalHistogram());
    }
}
