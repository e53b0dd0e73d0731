package io.chorus.replication.coordinate;

import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.CrdtMint;
import io.chorus.replication.message.QuorumOptions;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;

import java.util.List;

/**
 * A CRDT update. The minter is always the first live replica in preference-list order, not this
 * node: a retry of the same operation through another coordinator then reaches the same replica,
 * which recognises the operation id and does not apply it twice. A retry (attempt &gt; 1) is first
 * settled ({@link RetrySettlement}): applied before? Then only replicated.
 */
final class CrdtUpdateCoordination extends WriteCoordination {
    private final CrdtOp operation;
    private final long operationId;

    CrdtUpdateCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                           List<NodeId> replicas, List<NodeId> live, int required, CrdtOp operation, long operationId,
                           boolean retry, boolean durable) {
        super(context, opId, client, requestId, key, level, replicas, live, required, live.get(0), durable, QuorumOptions.STRICT);
        this.operation = operation;
        this.operationId = operationId;
        if (retry) settleFirst(operationId, false);
    }

    @Override
    String verb() {
        return operation.target().displayName() + " update";
    }

    @Override
    void mint() {
        context.send(minter, new CrdtMint(opId, key, operation, operationId, durable));
    }
}
