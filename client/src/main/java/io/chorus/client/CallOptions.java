package io.chorus.client;

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
}
