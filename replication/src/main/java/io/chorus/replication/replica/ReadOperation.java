package io.chorus.replication.replica;

import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.coordinator.Consistency;
import io.chorus.replication.coordinator.ReadCoordinator;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.Key;
import io.chorus.replication.ring.NodeId;

import java.util.List;

/** A read in flight: answered after R replies, finished when every contacted replica replied. */
final class ReadOperation extends Operation {
    final ReadCoordinator coordinator;
    final int contacted;
    final CrdtType crdtType; // non-null: a CRDT read of this type

    ReadOperation(long opId, ClientRef client, long requestId, Key key, Consistency level, long deadlineTick,
                  List<NodeId> replicas, int required, int contacted, CrdtType crdtType) {
        super(opId, client, requestId, key, level, deadlineTick);
        this.coordinator = new ReadCoordinator(replicas, required);
        this.contacted = contacted;
        this.crdtType = crdtType;
    }

    @Override
    boolean isFinished() {
        return isAnswered() && coordinator.replyCount() >= contacted;
    }
}
