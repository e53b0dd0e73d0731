package io.chorus.replication.replica;

import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.coordinate.ReadTally;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.state.Key;
import io.chorus.replication.ring.NodeId;

import java.util.ArrayList;
import java.util.List;

/**
 * A read in flight: R live replicas are asked first (this node first when it is one), the others
 * only if the answers are slow ({@link #spare}); answered after R replies, finished when every
 * contacted replica replied.
 */
final class ReadOperation extends Operation {
    final ReadTally coordinator;
    final CrdtType crdtType; // non-null: a CRDT read of this type
    final List<NodeId> spare; // live replicas not asked yet
    int contacted;

    ReadOperation(long opId, ClientRef client, long requestId, Key key, Consistency level, long deadlineTick,
                  List<NodeId> replicas, int required, CrdtType crdtType, List<NodeId> spare) {
        super(opId, client, requestId, key, level, deadlineTick);
        this.coordinator = new ReadTally(replicas, required);
        this.crdtType = crdtType;
        this.spare = new ArrayList<>(spare);
    }

    @Override
    boolean isFinished() {
        return isAnswered() && coordinator.replyCount() >= contacted;
    }
}
