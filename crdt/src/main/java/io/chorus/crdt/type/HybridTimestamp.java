package io.chorus.crdt.type;

import java.util.Objects;

/**
 * A hybrid logical clock reading: the physical time in milliseconds the clock had reached, a
 * logical counter that orders events within one millisecond (or while the physical clock lags),
 * and the node that issued it, which breaks the last ties. Totally ordered by
 * (wallMillis, logical, actor); causally later events issued through a {@link HybridClock} that
 * observed the earlier ones compare greater, whatever the nodes' physical clocks say.
 */
public record HybridTimestamp(long wallMillis, int logical, String actor) implements Comparable<HybridTimestamp> {
    public HybridTimestamp {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty()) throw new IllegalArgumentException("timestamp actor is empty");
        if (wallMillis < 0) throw new IllegalArgumentException("timestamp wallMillis must be >= 0, was " + wallMillis);
        if (logical < 0) throw new IllegalArgumentException("timestamp logical must be >= 0, was " + logical);
    }

    @Override
    public int compareTo(HybridTimestamp other) {
        int byWall = Long.compare(wallMillis, other.wallMillis);
        if (byWall != 0) return byWall;
        int byLogical = Integer.compare(logical, other.logical);
        return byLogical != 0 ? byLogical : actor.compareTo(other.actor);
    }

    public boolean isAfter(HybridTimestamp other) {
        return compareTo(other) > 0;
    }

    /** The least timestamp of {@code actor} after this one, whatever the actor names. */
    HybridTimestamp next(String actor) {
        return logical == Integer.MAX_VALUE
                ? new HybridTimestamp(Math.addExact(wallMillis, 1), 0, actor)
                : new HybridTimestamp(wallMillis, logical + 1, actor);
    }

    @Override
    public String toString() {
        return wallMillis + "." + logical + "@" + actor;
    }
}
