package io.chorus.node.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline, polling: how the cluster commands wait on processes. */
final class Deadline {
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Polls {@code condition} until it holds (true) or the deadline passes (false). */
    boolean await(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (passed()) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** One poll interval, or less if the deadline is nearer. */
    void pause() {
        long millis = Math.min(POLL_INTERVAL.toMillis(), remaining().toMillis());
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting", e);
        }
    }
}
