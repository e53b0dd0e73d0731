package io.chorus.node.net;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@link #LINES_PER_SECOND} lines a second of one kind (refused connections, say), so that
 * a client opening connections in a loop cannot fill the disk with the node's log; the next line
 * after a quiet second says how many were suppressed. Thread-safe.
 */
final class RateLimitedLog {
    static final int LINES_PER_SECOND = 10;

    private final Logger log;
    private final LongSupplier nanoClock;
    private final AtomicLong windowStartNanos;
    private final AtomicLong linesInWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log) {
        this(log, System::nanoTime);
    }

    RateLimitedLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.windowStartNanos = new AtomicLong(nanoClock.getAsLong());
    }

    void info(String format, Object... arguments) {
        if (!admit()) return;
        long dropped = suppressed.getAndSet(0);
        log.info(dropped == 0 ? format : format + " (" + dropped + " similar lines suppressed)", arguments);
    }

    void warn(String format, Object... arguments) {
        if (!admit()) return;
        long dropped = suppressed.getAndSet(0);
        log.warn(dropped == 0 ? format : format + " (" + dropped + " similar lines suppressed)", arguments);
    }

    private boolean admit() {
        long now = nanoClock.getAsLong();
        long start = windowStartNanos.get();
        if (now - start >= 1_000_000_000L && windowStartNanos.compareAndSet(start, now)) linesInWindow.set(0);
        if (linesInWindow.incrementAndGet() <= LINES_PER_SECOND) return true;
        suppressed.incrementAndGet();
        return false;
    }

    long suppressed() {
        return suppressed.get();
    }
}
