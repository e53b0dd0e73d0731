package io.chorus.bench.workload;

import java.util.Locale;
import java.util.Map;

/**
 * YCSB's core workloads (E, scans, is left out: the store has no range reads), and a workload of
 * CRDT counters.
 */
public enum Workload {
    /** Update heavy: 50% read, 50% update. */
    A(KeyDistribution.ZIPFIAN, Map.of(OpType.READ, 0.5, OpType.UPDATE, 0.5)),
    /** Read mostly: 95% read, 5% update. */
    B(KeyDistribution.ZIPFIAN, Map.of(OpType.READ, 0.95, OpType.UPDATE, 0.05)),
    /** Read only. */
    C(KeyDistribution.ZIPFIAN, Map.of(OpType.READ, 1.0)),
    /** Read latest: 95% read, 5% insert, reads favour the newest keys. */
    D(KeyDistribution.LATEST, Map.of(OpType.READ, 0.95, OpType.INSERT, 0.05)),
    /** Read-modify-write: 50% read, 50% read then write back with the read's context. */
    F(KeyDistribution.ZIPFIAN, Map.of(OpType.READ, 0.5, OpType.READ_MODIFY_WRITE, 0.5)),
    /** Counters: by default 50% increment by 1, 50% read of the value ({@link #counterMix} sets the share). */
    COUNTER(KeyDistribution.ZIPFIAN, Map.of(OpType.COUNTER_READ, 0.5, OpType.INCREMENT, 0.5));

    private final KeyDistribution defaultDistribution;
    private final OperationMix mix;

    Workload(KeyDistribution defaultDistribution, Map<OpType, Double> shares) {
        this.defaultDistribution = defaultDistribution;
        this.mix = OperationMix.of(shares);
    }

    public KeyDistribution defaultDistribution() {
        return defaultDistribution;
    }

    public OperationMix mix() {
        return mix;
    }

    /** The counter workload's mix with {@code readShare} of reads (0 to 1), the rest increments. */
    public static OperationMix counterMix(double readShare) {
        if (!(readShare >= 0 && readShare <= 1)) throw new IllegalArgumentException("read share must be in [0, 1], got " + readShare);
        return OperationMix.of(Map.of(OpType.COUNTER_READ, readShare, OpType.INCREMENT, 1 - readShare));
    }

    /** True for the counter workload: its keys hold CRDT counters, not values. */
    public boolean counters() {
        return this == COUNTER;
    }

    /**
     * The key prefix unless one is given: counters get their own, since a key's type is fixed by its
     * first write and a counter increment of a key that holds values is refused.
     */
    public String defaultKeyPrefix() {
        return counters() ? "counter" : "user";
    }

    public static Workload parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown workload \"" + text + "\" (expected a, b, c, d, f or counter)");
        }
    }
}
