package io.chorus.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * What every call of one client shares: how it retries ({@link RetryPolicy}), the client's
 * {@link RetryBudget}, how long one attempt may stay silent, how early a read may be hedged, the
 * jitter source, and the counters of retries and hedges. Thread-safe (immutable but for the
 * budget and counters, which are).
 *
 * @param attemptTimeoutMillis how long an attempt that may be repeated waits for an answer before
 *                             the call moves on to another node; 0: half the call's request timeout
 * @param hedgeDelayMinMillis  a read is hedged no earlier than this, however fast the node's p99
 * @param jitter               uniform in [0, 1): the random part of backoffs and read spreading
 */
record CallPolicy(RetryPolicy retry, RetryBudget budget, long attemptTimeoutMillis, long hedgeDelayMinMillis,
                  DoubleSupplier jitter, Counters counters) {

    /** The client's monitoring counters, bumped by its calls. */
    record Counters(LongAdder retries, LongAdder idempotentRetries, LongAdder hedges, LongAdder budgetRefusals) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** How long a read waits for a node whose recent p99 is {@code p99Nanos} before it is hedged; 0: never (no estimate yet). */
    long hedgeDelayMillis(long p99Nanos) {
        if (p99Nanos < 0) return 0;
        return Math.max(hedgeDelayMinMillis, TimeUnit.NANOSECONDS.toMillis(p99Nanos) + 1);
    }

    /** The attempt timeout of a call whose deadline is {@code requestTimeoutMillis} away. */
    long attemptTimeoutMillis(long requestTimeoutMillis) {
        long attempt = attemptTimeoutMillis > 0 ? attemptTimeoutMillis : requestTimeoutMillis / 2;
        return Math.max(1, Math.min(attempt, requestTimeoutMillis));
    }
}
