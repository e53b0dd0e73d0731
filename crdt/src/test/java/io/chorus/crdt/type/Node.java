package io.chorus.crdt.type;

import java.util.Optional;

/** A simulated node in a test history: its name (the actor), its hybrid clock and its skew. */
final class Node {
    static final long DRIFT_MILLIS_MAX = 60_000;

    final String name;
    private final HybridClock clock;
    private final long skewMillis;
    private long physicalMillis;

    Node(String name, long skewMillis) {
        this.name = name;
        this.clock = new HybridClock(name, DRIFT_MILLIS_MAX);
        this.skewMillis = skewMillis;
    }

    /** Sets this node's physical clock from the history's true time, plus its skew. */
    void tick(long trueMillis) {
        physicalMillis = trueMillis + skewMillis;
    }

    /** A timestamp after {@code seen}, as a coordinator stamps a register write. */
    HybridTimestamp stampAfter(Optional<HybridTimestamp> seen) {
        return seen.isPresent() ? clock.observe(seen.get(), physicalMillis) : clock.now(physicalMillis);
    }

    @Override
    public String toString() {
        return name;
    }
}
