package io.chorus.crdt.type;

import java.util.Objects;

/**
 * A hybrid logical clock (Kulkarni et al., 2014) for one node, as a pure state machine: the
 * physical time is an argument, never read here, so the simulator can drive it with skewed and
 * drifting clocks. Each reading is greater than every reading this clock issued or observed, so
 * timestamps follow causality even when physical clocks disagree, and stay close to physical time.
 *
 * <p>Not thread-safe: the thread that owns the node's state owns its clock.
 */
public final class HybridClock {
    private final String actor;
    private final long driftMillisMax;
    private long wallMillis;   // of the last reading issued or observed
    private int logical;

    /**
     * @param actor          the node's actor name (its name with its epoch), stamped on every reading
     * @param driftMillisMax how far ahead of the local physical time an observed timestamp may
     *                       be; a farther one is refused, so one bad clock cannot drag every
     *                       node's clock into the future
     */
    public HybridClock(String actor, long driftMillisMax) {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty()) throw new IllegalArgumentException("clock actor is empty");
        if (driftMillisMax < 0) throw new IllegalArgumentException("driftMillisMax must be >= 0, was " + driftMillisMax);
        this.actor = actor;
        this.driftMillisMax = driftMillisMax;
    }

    /** A reading for a local event at physical time {@code physicalMillis}. */
    public HybridTimestamp now(long physicalMillis) {
        requirePhysical(physicalMillis);
        if (physicalMillis > wallMillis) {
            wallMillis = physicalMillis;
            logical = 0;
        } else {
            tick(logical);
        }
        return last();
    }

    /**
     * A reading for an event that has seen {@code remote} (a stored value's timestamp, or a
     * message's): greater than {@code remote} and than every earlier reading of this clock.
     *
     * @throws IllegalArgumentException when {@code remote} is more than {@code driftMillisMax}
     *         ahead of {@code physicalMillis}; the clock is then unchanged
     */
    public HybridTimestamp observe(HybridTimestamp remote, long physicalMillis) {
        requirePhysical(physicalMillis);
        long aheadMillis = remote.wallMillis() - physicalMillis;
        if (aheadMillis > driftMillisMax) {
            throw new IllegalArgumentException("timestamp " + remote + " is " + aheadMillis
                    + " ms ahead of local physical time " + physicalMillis + ", more than driftMillisMax " + driftMillisMax);
        }
        long wall = Math.max(Math.max(wallMillis, remote.wallMillis()), physicalMillis);
        if (wall == wallMillis && wall == remote.wallMillis()) {
            tick(Math.max(logical, remote.logical()));
        } else if (wall == wallMillis) {
            tick(logical);
        } else if (wall == remote.wallMillis()) {
            wallMillis = wall;
            tick(remote.logical());
        } else {
            wallMillis = wall;
            logical = 0;
        }
        return last();
    }

    /** The last reading issued or observed (wall 0, logical 0 before any). */
    public HybridTimestamp last() {
        return new HybridTimestamp(wallMillis, logical, actor);
    }

    /** logical := after + 1; past the int range, borrows the next millisecond instead. */
    private void tick(int after) {
        if (after == Integer.MAX_VALUE) {
            wallMillis = Math.addExact(wallMillis, 1);
            logical = 0;
        } else {
            logical = after + 1;
        }
    }

    private static void requirePhysical(long physicalMillis) {
        if (physicalMillis < 0) throw new IllegalArgumentException("physicalMillis must be >= 0, was " + physicalMillis);
    }
}
