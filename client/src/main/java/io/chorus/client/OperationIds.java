package io.chorus.client;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Makes the ids that tag writes (CRDT updates, puts and deletes) so that replicas apply each at most
 * once, however often it is retried: {@code (wall clock millis << 20) | counter << 1}, the counter
 * being this client's own, 19 bits wide, starting at a random value and counting up by one per
 * operation. Ids are even: replicas mark a refused put's id by setting bit 0.
 *
 * <p>Why this shape: replicas remember the largest 256 ids applied to a key, so ids must grow
 * with time (the clock in the high bits); two clients issuing operations in the same millisecond
 * differ in the low bits unless their random counters happen to meet (about one chance in a
 * half-million per pair of operations in the same millisecond). One client issues up to 2^19
 * operations per millisecond before the counter wraps onto an id it used in that millisecond.
 * Thread-safe.
 */
final class OperationIds {
    static final int COUNTER_BITS = 20;
    static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

    private final LongSupplier wallMillis;
    private final AtomicLong counter;

    OperationIds(LongSupplier wallMillis, long counterStart) {
        this.wallMillis = wallMillis;
        this.counter = new AtomicLong(counterStart & COUNTER_MASK);
    }

    /** Ids from the system clock, the counter starting at a random value. */
    static OperationIds fromSystemClock() {
        return new OperationIds(System::currentTimeMillis, new SecureRandom().nextInt(1 << COUNTER_BITS));
    }

    long next() {
        long millis = wallMillis.getAsLong();
        assert millis >= 0 && millis < (1L << (63 - COUNTER_BITS)) : "a wall clock of " + millis + " ms does not fit the id";
        return (millis << COUNTER_BITS) | ((counter.getAndIncrement() << 1) & COUNTER_MASK); // even: bit 0 marks a refusal
    }
}
