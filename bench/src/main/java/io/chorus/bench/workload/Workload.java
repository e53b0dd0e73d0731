package io.chorus.bench.workload;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** YCSB's core workloads (E, scans, is left out: the store has no range reads). */
public enum Workload {
    /** Update heavy: 50% read, 50% update. */
    A(KeyDistribution.ZIPFIAN, 0.5, 0.5, 0, 0),
    /** Read mostly: 95% read, 5% update. */
    B(KeyDistribution.ZIPFIAN, 0.95, 0.05, 0, 0),
    /** Read only. */
    C(KeyDistribution.ZIPFIAN, 1.0, 0, 0, 0),
    /** Read latest: 95% read, 5% insert, reads favour the newest keys. */
    D(KeyDistribution.LATEST, 0.95, 0, 0.05, 0),
    /** Read-modify-write: 50% read, 50% read then write back with the read's context. */
    F(KeyDistribution.ZIPFIAN, 0.5, 0, 0, 0.5);

    private final KeyDistribution defaultDistribution;
    private final OperationMix mix;

    Workload(KeyDistribution defaultDistribution, double read, double update, double insert, double readModifyWrite) {
        this.defaultDistribution = defaultDistribution;
        Map<OpType, Double> shares = new EnumMap<>(OpType.class);
        shares.put(OpType.READ, read);
        shares.put(OpType.UPDATE, update);
        shares.put(OpType.INSERT, insert);
        shares.put(OpType.READ_MODIFY_WRITE, readModifyWrite);
        this.mix = OperationMix.of(shares);
    }

    public KeyDistribution defaultDistribution() {
        return defaultDistribution;
    }

    public OperationMix mix() {
        return mix;
    }

    public static Workload parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown workload \"" + text + "\" (expected a, b, c, d or f)");
        }
    }
}
