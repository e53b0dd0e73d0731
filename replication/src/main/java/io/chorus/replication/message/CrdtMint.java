package io.chorus.replication.message;

import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.state.Key;

/**
 * Coordinator to a primary replica: apply this CRDT operation as yourself and send back the delta
 * ({@link MintResult}) for the other replicas. Like {@link MintWrite}, only replicas mint.
 */
public record CrdtMint(long opId, Key key, CrdtOp operation, long operationId, boolean durable) implements PeerMessage {
}
