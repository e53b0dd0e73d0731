package io.chorus.simulation.world;

import io.chorus.replication.env.Clock;

import java.util.function.LongSupplier;

/**
 * A node's wall clock: virtual time seen through a fixed offset and a rate error (drift). Drift also
 * sets the node's tick period, so a fast clock ticks (and times out) early, as a fast oscillator would.
 */
public final class SimClock implements Clock {
    private final LongSupplier virtualMicros;
    private final long offsetMillis;
    private final double drift;

    /** @param drift rate error, e.g. 0.01 runs 1% fast; must be in (-0.5, 0.5) */
    public SimClock(LongSupplier virtualMicros, long offsetMillis, double drift) {
        if (drift <= -0.5 || drift >= 0.5) throw new IllegalArgumentException("drift " + drift + " is outside (-0.5, 0.5)");
        this.virtualMicros = virtualMicros;
        this.offsetMillis = offsetMillis;
        this.drift = drift;
    }

    @Override
    public long wallMillis() {
        return wallMillisAt(virtualMicros.getAsLong());
    }

    /** What this clock reads (read, or would read) at virtual time {@code micros}. */
    public long wallMillisAt(long micros) {
        return offsetMillis + (long) (micros * (1 + drift) / 1000);
    }

    /** How long this node's tick lasts in virtual time, for a nominal tick of {@code tickMicros}. */
    public long tickPeriodMicros(long tickMicros) {
        return Math.max(1, Math.round(tickMicros / (1 + drift)));
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    public double drift() {
        return drift;
    }
}
