package io.chorus.client;

import java.time.Duration;
import java.util.Objects;

/**
 * One call's resolved options: its own timeouts (the client's unless the call's
 * {@link ReadOptions} or {@link WriteOptions} set them) and how a read is routed.
 *
 * @param requestTimeoutMillis the whole call's deadline: every attempt, failover and backoff within it
 * @param connectTimeoutMillis how long one attempt waits for a connection still opening (0: the client's)
 * @param spread               start a read at a random replica of the key instead of the first
 * @param hedge                ask a second replica when the first is slower than its recent p99
 */
record CallOptions(long requestTimeoutMillis, long connectTimeoutMillis, boolean spread, boolean hedge) {
    CallOptions {
        assert requestTimeoutMillis > 0 && connectTimeoutMillis >= 0 : requestTimeoutMillis + " ms, " + connectTimeoutMillis + " ms";
    }

    /** A read's options, resolved against the client's request timeout {@code clientTimeoutMillis}. */
    static CallOptions of(ReadOptions options, long clientTimeoutMillis) {
        Objects.requireNonNull(options, "options (use ReadOptions.DEFAULT for none)");
        return new CallOptions(timeoutMillis(options, clientTimeoutMillis), millisOrZero(options.connectTimeout()), options.spread(), options.hedge());
    }

    /** A write's options, resolved against the client's request timeout {@code clientTimeoutMillis}. */
    static CallOptions of(WriteOptions options, long clientTimeoutMillis) {
        return new CallOptions(timeoutMillis(options, clientTimeoutMillis), millisOrZero(options.connectTimeout()), false, false);
    }

    /** The read's deadline: its own, else the client's. */
    static long timeoutMillis(ReadOptions options, long clientTimeoutMillis) {
        return options.requestTimeout() == null ? clientTimeoutMillis : Math.max(1, options.requestTimeout().toMillis());
    }

    /** The write's deadline: its own, else the client's. */
    static long timeoutMillis(WriteOptions options, long clientTimeoutMillis) {
        Objects.requireNonNull(options, "options (use WriteOptions.DEFAULT for none)");
        return options.requestTimeout() == null ? clientTimeoutMillis : Math.max(1, options.requestTimeout().toMillis());
    }

    private static long millisOrZero(Duration duration) {
        return duration == null ? 0 : Math.max(1, duration.toMillis());
    }
}
