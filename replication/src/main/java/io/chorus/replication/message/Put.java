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
 * {@code quorum}: the call's own quorum rules (primaries required, sloppy quorum; null: the defaults).
 */
public record Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable, long operationId, int attempt,
                  byte[] session, QuorumOptions quorum) implements ClientRequest {
    /** A put with the default quorum rules. */
    public Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable, long operationId, int attempt,
               byte[] session) {
        this(key, value, context, consistency, durable, operationId, attempt, session, null);
    }

    /** A put with no operation id and no session (tests, and callers that never retry). */
    public Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable) {
        this(key, value, context, consistency, durable, 0, 1, null, null);
    }
}
