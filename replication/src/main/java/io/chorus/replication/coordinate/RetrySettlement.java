package io.chorus.replication.coordinate;

import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.List;

/**
 * The first phase of a retried CRDT update. A retry may follow a first attempt that was applied but
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
    private final ReadTally tally;

    RetrySettlement(CoordinatorContext context, long opId, Key key, List<NodeId> replicas, long operationId) {
        this.context = context;
        this.opId = opId;
        this.key = key;
        this.replicas = List.copyOf(replicas);
        this.operationId = operationId;
        this.tally = new ReadTally(replicas, replicas.size());
    }

    void start() {
        for (NodeId replica : replicas) context.send(replica, new ReplicaRead(opId, key));
    }

    /** A replica's state; true once every replica answered. */
    boolean add(NodeId from, KeyState state) {
        return tally.addResult(from, state) && tally.isComplete();
    }

    KeyState merged() {
        return tally.response();
    }

    boolean appliedBefore() {
        return merged().appliedOps().contains(operationId);
    }
}
