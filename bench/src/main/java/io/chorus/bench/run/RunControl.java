package io.chorus.bench.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a phase stops: at a deadline on the driver's clock, after a number of operations, or when
 * told to (Ctrl-C), whichever comes first. Thread-safe.
 */
public final class RunControl {
    private final long deadlineNanos;
    private final AtomicLong opsLeft;
    private volatile boolean stopped;

    /**
     * @param deadlineNanos no operation is started (or, in open loop, scheduled) at or after it;
     *                      {@code Long.MAX_VALUE} for none
     * @param opsMax        operations to start in all, or {@code Long.MAX_VALUE} for no bound
     */
    public RunControl(long deadlineNanos, long opsMax) {
        if (opsMax < 0) throw new IllegalArgumentException("operation count must be >= 0, got " + opsMax);
        this.deadlineNanos = deadlineNanos;
        this.opsLeft = new AtomicLong(opsMax);
    }

    /** Claims the right to start one operation intended to start at {@code intendedNanos}. */
    public boolean admit(long intendedNanos) {
        if (stopped || intendedNanos - deadlineNanos >= 0 && deadlineNanos != Long.MAX_VALUE) return false;
        if (opsLeft.get() == Long.MAX_VALUE) return true;
        if (opsLeft.getAndDecrement() > 0) return true;
        stopped = true;
        return false;
    }

    public void stop() {
        stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }
}
