package io.chorus.bench.run;

import java.util.concurrent.locks.LockSupport;

/**
 * The driver's time: a monotonic nanosecond clock and a way to wait until a moment on it. Tests
 * pass a virtual one, so the open-loop schedule and the staleness delays are checked exactly and
 * without sleeping.
 */
public interface Ticker {

    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadlineNanos} (at once if it has). */
    void parkUntil(long deadlineNanos) throws InterruptedException;

    /** The system's monotonic clock. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadlineNanos) throws InterruptedException {
            for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) throw new InterruptedException("interrupted while pacing");
            }
        }
    };
}
