package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.replication.crdt.CrdtOp;

/**
 * Apply a CRDT operation to {@code key}. {@code operationId} is chosen by the client and reused on
 * retries, with {@code attempt} counting up from 1. A first attempt is applied unless a replica
 * already applied that id. A retry is settled first: if any replica already applied the id, it is
 * only replicated further, never applied again; if a replica that might hold it is down, the retry
 * is refused (Unavailable) until it is back. Ids should grow with time (the client uses its clock)
 * because replicas remember the last 256 ids per key. {@code consistency}, {@code durable} and {@code session} as for {@link Put}.
 */
public record CrdtUpdate(Key key, CrdtOp operation, long operationId, int attempt, byte consistency, boolean durable,
                         byte[] session) implements ClientRequest {
    public CrdtUpdate(Key key, CrdtOp operation, long operationId, int attempt, byte consistency, boolean durable) {
        this(key, operation, operationId, attempt, consistency, durable, null);
    }
}
