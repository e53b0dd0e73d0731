package io.chorus.bench.run;

import io.chorus.bench.workload.OpType;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything measured in one phase (load or run): per-thread recorders, the totals the reporter
 * accumulates from them, errors by operation type and by kind, and reads that found nothing.
 * Driver threads only touch their own recorders and a few adders; {@link #drain} (the reporter,
 * once a second) is the only reader.
 */
public final class PhaseMetrics {
    private final List<OpType> types;
    private final boolean keepServiceTime;
    private final List<ThreadRecorders> threads = new CopyOnWriteArrayList<>();
    private final Map<OpType, Histogram> totalResponse = new EnumMap<>(OpType.class);
    private final Map<OpType, Histogram> totalService = new EnumMap<>(OpType.class);
    private final Map<OpType, LongAdder> errorsByType = new EnumMap<>(OpType.class);
    private final ConcurrentHashMap<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
    private final LongAdder notFound = new LongAdder();

    public PhaseMetrics(List<OpType> types, boolean keepServiceTime) {
        this.types = List.copyOf(types);
        this.keepServiceTime = keepServiceTime;
        for (OpType t : types) {
            totalResponse.put(t, ThreadRecorders.newHistogram());
            totalService.put(t, ThreadRecorders.newHistogram());
            errorsByType.put(t, new LongAdder());
        }
    }

    public List<OpType> types() {
        return types;
    }

    public boolean keepsServiceTime() {
        return keepServiceTime;
    }

    /** Recorders for one more driver thread. */
    public ThreadRecorders newThread() {
        ThreadRecorders r = new ThreadRecorders(types, keepServiceTime);
        threads.add(r);
        return r;
    }

    public void error(OpType type, String kind) {
        errorsByType.get(type).increment();
        errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void notFound() {
        notFound.increment();
    }

    /**
     * Takes what every thread recorded since the last drain, adds it to the totals and returns it
     * (response times per type). With {@code discard} the interval is dropped instead (warm-up).
     */
    public synchronized Map<OpType, Histogram> drain(boolean discard) {
        Map<OpType, Histogram> interval = new EnumMap<>(OpType.class);
        for (OpType t : types) {
            Histogram response = ThreadRecorders.newHistogram();
            Histogram service = ThreadRecorders.newHistogram();
            for (ThreadRecorders r : threads) r.drainInto(t, response, service);
            if (!discard) {
                totalResponse.get(t).add(response);
                totalService.get(t).add(service);
            }
            interval.put(t, response);
        }
        return interval;
    }

    /** Forgets errors counted so far (the end of the warm-up). Totals are kept clean by {@code drain(true)}. */
    public synchronized void resetErrors() {
        errorsByType.values().forEach(LongAdder::reset);
        errorsByKind.clear();
        notFound.reset();
    }

    /** Response time (from intended start) of every completed operation of the type; a copy. */
    public synchronized Histogram totalResponse(OpType type) {
        return totalResponse.get(type).copy();
    }

    /** Service time (from the actual send); equal to the response time in closed loop. A copy. */
    public synchronized Histogram totalService(OpType type) {
        return (keepServiceTime ? totalService : totalResponse).get(type).copy();
    }

    public long errors(OpType type) {
        return errorsByType.get(type).sum();
    }

    public long errorCount() {
        long sum = 0;
        for (LongAdder a : errorsByType.values()) sum += a.sum();
        return sum;
    }

    /** Errors by kind, sorted by name. */
    public Map<String, Long> errorsByKind() {
        Map<String, Long> m = new TreeMap<>();
        errorsByKind.forEach((k, v) -> m.put(k, v.sum()));
        return Collections.unmodifiableMap(m);
    }

    public long notFoundCount() {
        return notFound.sum();
    }

    /** Operations completed without error, all types. */
    public synchronized long completedCount() {
        long sum = 0;
        for (Histogram h : totalResponse.values()) sum += h.getTotalCount();
        return sum;
    }

    List<ThreadRecorders> threadRecorders() {
        return new ArrayList<>(threads);
    }
}
