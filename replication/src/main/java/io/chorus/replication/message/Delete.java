package io.chorus.replication.message;

import io.chorus.replication.state.Key;

/**
 * Write a tombstone over the versions {@code context} has seen (null: over nothing seen).
 * {@code consistency}, {@code durable}, {@code operationId}, {@code attempt}, {@code session} and {@code quorum} as for {@link Put}.
 */
public record Delete(Key key, byte[] context, byte consistency, boolean durable, long operationId, int attempt,
                     byte[] session, QuorumOptions quorum) implements ClientRequest {
    /** A delete with the default quorum rules. */
    public Delete(Key key, byte[] context, byte consistency, boolean durable, long operationId, int attempt, byte[] session) {
        this(key, context, consistency, durable, operationId, attempt, session, null);
    }

    /** A delete with no operation id and no session. */
    public Delete(Key key, byte[] context, byte consistency, boolean durable) {
        this(key, context, consistency, durable, 0, 1, null, null);
    }
}
