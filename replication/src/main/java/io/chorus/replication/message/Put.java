package io.chorus.replication.message;

import io.chorus.replication.state.Key;

/**
 * Write {@code value} under {@code key}. {@code context} (opaque, from an earlier read; null or
 * empty for none) names the versions this write supersedes; without one, the value becomes a
 * sibling of whatever the key holds. {@code consistency} is a {@code Consistency} code; {@code durable}
 * asks that the write be acknowledged only once that many replicas have it on disk (fsync).
 *
 * <p>{@code operationId} (0: none) is chosen by the client, even (bit 0 is the replicas' mark of a
 * refusal), and reused on retries with {@code attempt} counting up from 1, as for {@link CrdtUpdate}:
 * the put is applied at most once however often and through whichever coordinators it is retried.
 * {@code session} is a session token ({@link SessionToken} bytes; empty: start a session; null: none).
 *
 * <p>{@code ttlMillis} (0: none) makes the value expire that long after its coordinator received
 * the put, by the coordinator's clock; from then on no read returns it. Between
 * {@link #TTL_MILLIS_MIN} and {@link #TTL_MILLIS_MAX}.
 */
public record Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable, long operationId, int attempt,
                  byte[] session, long ttlMillis) implements ClientRequest {
    /** The shortest TTL: 1 s (shorter ones would be mostly clock skew between nodes). */
    public static final long TTL_MILLIS_MIN = 1_000;
    /** The longest TTL: 10 years of 365 days. */
    public static final long TTL_MILLIS_MAX = 10L * 365 * 24 * 3600 * 1000;

    /** A put with no operation id and no session (tests, and callers that never retry). */
    public Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable) {
        this(key, value, context, consistency, durable, 0, 1, null);
    }

    /** A put that never expires. */
    public Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable, long operationId, int attempt, byte[] session) {
        this(key, value, context, consistency, durable, operationId, attempt, session, 0);
    }

    /** The same put, sent as attempt {@code attempt} (a retry keeps everything else). */
    public Put withAttempt(int attempt) {
        return new Put(key, value, context, consistency, durable, operationId, attempt, session, ttlMillis);
    }
}
