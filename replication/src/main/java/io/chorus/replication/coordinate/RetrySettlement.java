package io.chorus.replication.coordinate;

import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.List;

/**
 * The first phase of a retried write (a CRDT update, or a put or delete with an operation id). A retry may follow a first attempt that was applied but
 * never acknowledged, possibly on a replica that crashed before shipping it. So before applying,
 * read every replica: if any applied the operation id, the update is only replicated; if none did
 * (and all answered), it is applied. The coordinator only starts it when every replica is alive.
 */
final class RetrySettlement {
    private final CoordinatorContext context;
    private final long opId;
    private final Key key;
    private final List<NodeId> replicas;
    private final long operationId;
    private final boolean refusalsMarked;
    private final ReadTally tally;

    /**
     * @param refusalsMarked the replicas mark a refused {@code operationId} as {@code operationId | 1}
     *                       (plain writes, whose ids are even; CRDT operation ids may be odd)
     */
    RetrySettlement(CoordinatorContext context, long opId, Key key, List<NodeId> replicas, long operationId, boolean refusalsMarked) {
        this.context = context;
        this.opId = opId;
        this.key = key;
        this.replicas = List.copyOf(replicas);
        this.operationId = operationId;
        this.refusalsMarked = refusalsMarked;
        this.tally = new ReadTally(replicas, replicas.size());
    }

    void start() {
        for (NodeId replica : replicas) context.send(replica, new ReplicaRead(opId, key));
    }

    /** A replica's answer; true once every replica answered. */
    boolean add(NodeId from, ReplicaReadResult result) {
        if (!tally.addResult(from, result.siblings())) return false;
        return tally.isComplete();
    }

    KeyState merged() {
        return tally.response();
    }

    boolean appliedBefore() {
        return merged().appliedOps().contains(operationId);
    }

    /** A replica refused the operation before (so nothing of it was applied, and nothing ever will be). */
    boolean refusedBefore() {
        return refusalsMarked && merged().appliedOps().contains(AppliedOps.refusalMark(operationId));
    }

    long operationId() {
        return operationId;
    }
}
