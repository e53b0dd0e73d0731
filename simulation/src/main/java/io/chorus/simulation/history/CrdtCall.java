package io.chorus.simulation.history;

import java.util.Objects;

/**
 * What a CRDT update asked for: a counter increment by {@code amount} (positive), or a set add or
 * remove of {@code element}, under {@code operationId}, which every retry of the operation reuses
 * (unless a test breaks that on purpose).
 */
public record CrdtCall(long amount, String element, long operationId) {
    public static CrdtCall increment(long amount, long operationId) {
        if (amount <= 0) throw new IllegalArgumentException("increments are positive, was " + amount);
        return new CrdtCall(amount, null, operationId);
    }

    public static CrdtCall element(String element, long operationId) {
        return new CrdtCall(0, Objects.requireNonNull(element, "element"), operationId);
    }

    @Override
    public String toString() {
        return (element == null ? "+" + amount : element) + " (operation " + operationId + ")";
    }
}
