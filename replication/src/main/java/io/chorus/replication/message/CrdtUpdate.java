package io.chorus.replication.message;

import io.chorus.replication.crdt.CrdtOp;

/**
 * Apply a CRDT operation to {@code key}. {@code operationId} is chosen by the client and reused on
 * retries: a replica that already applied it does not apply it again (see AppliedOps).
 */
public record CrdtUpdate(Key key, CrdtOp operation, long operationId, String consistency) implements ClientRequest {
}
