package io.chorus.replication.coordinate;

import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.CrdtMint;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.crdt.CrdtOp;

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
    private RetrySettlement settlement; // non-null while a retry is being settled

    CrdtUpdateCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                           List<NodeId> replicas, List<NodeId> live, int required, CrdtOp operation, long operationId,
                           boolean retry, boolean durable) {
        super(context, opId, client, requestId, key, level, replicas, live, required, live.get(0), durable);
        this.operation = operation;
        this.operationId = operationId;
        if (retry) this.settlement = new RetrySettlement(context, opId, key, replicas, operationId);
    }

    @Override
    String verb() {
        return operation.target().displayName() + " update";
    }

    @Override
    void start() {
        if (settlement != null) settlement.start(); else mint();
    }

    private void mint() {
        context.send(minter, new CrdtMint(opId, key, operation, operationId, durable));
    }

    @Override
    void onReply(NodeId from, PeerMessage reply) {
        if (settlement == null || !(reply instanceof ReplicaReadResult result)) {
            super.onReply(from, reply);
            return;
        }
        if (isAnswered() || !settlement.add(from, result.siblings())) return;
        RetrySettlement done = settlement;
        settlement = null;
        if (done.appliedBefore()) {
            replicate(done.merged(), null); // applied before: make sure W replicas hold it, without applying it again
        } else {
            mint();
        }
    }
}
