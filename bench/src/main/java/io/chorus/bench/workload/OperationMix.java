package io.chorus.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Shares of each operation type, summing to 1, and the choice of the next operation from one
 * uniform draw. Immutable and allocation-free on {@link #pick}, so every driver thread shares one.
 */
public final class OperationMix {
    private final OpType[] types;
    private final double[] cumulative;   // upper bound of each type's slice of [0, 1)
    private final Map<OpType, Double> shares;

    private OperationMix(OpType[] types, double[] cumulative, Map<OpType, Double> shares) {
        this.types = types;
        this.cumulative = cumulative;
        this.shares = shares;
    }

    /** Types with a zero share are left out; the shares must be non-negative and sum to 1. */
    public static OperationMix of(Map<OpType, Double> shares) {
        double sum = 0;
        List<OpType> used = new ArrayList<>();
        for (Map.Entry<OpType, Double> e : new EnumMap<>(shares).entrySet()) {
            if (e.getValue() < 0) throw new IllegalArgumentException("share of " + e.getKey().label() + " is negative: " + e.getValue());
            if (e.getValue() > 0) used.add(e.getKey());
            sum += e.getValue();
        }
        if (Math.abs(sum - 1.0) > 1e-9) throw new IllegalArgumentException("operation shares sum to " + sum + ", not 1");
        OpType[] types = used.toArray(new OpType[0]);
        double[] cumulative = new double[types.length];
        double upTo = 0;
        for (int i = 0; i < types.length; i++) {
            upTo += shares.get(types[i]);
            cumulative[i] = upTo;
        }
        cumulative[types.length - 1] = 1.0; // rounding must never leave a gap at the top
        Map<OpType, Double> kept = new EnumMap<>(OpType.class);
        for (OpType t : types) kept.put(t, shares.get(t));
        return new OperationMix(types, cumulative, Collections.unmodifiableMap(kept));
    }

    /** The operation for a uniform draw {@code u} in [0, 1). */
    public OpType pick(double u) {
        assert u >= 0 && u < 1 : "draw outside [0, 1): " + u;
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) return types[i];
        }
        return types[types.length - 1];
    }

    /** The types this mix can pick, in enum order. */
    public List<OpType> types() {
        return List.of(types);
    }

    public double share(OpType type) {
        return shares.getOrDefault(type, 0.0);
    }

    public boolean includes(OpType type) {
        return shares.containsKey(type);
    }

    /** {@code read 50%, update 50%}: the shares in enum order, in percent (one decimal when not whole). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (OpType t : types) {
            if (b.length() > 0) b.append(", ");
            double percent = shares.get(t) * 100;
            b.append(t.label()).append(' ').append(String.format(Math.abs(percent - Math.rint(percent)) < 1e-9 ? "%.0f%%" : "%.1f%%", percent));
        }
        return b.toString();
    }
}
