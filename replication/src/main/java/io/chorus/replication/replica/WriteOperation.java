package io.chorus.replication.replica;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.coordinate.ReadTally;
import io.chorus.replication.coordinate.WriteTally;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.state.Key;
import io.chorus.replication.ring.NodeId;

import java.util.List;

/**
 * A put or delete in flight. First one replica mints the new version (this node if it is a replica
 * of the key, else a live primary asked with MintWrite); then the minted state goes to the other
 * live replicas, and the client is answered after W of them stored it.
 */
final class WriteOperation extends Operation {
    final WriteTally coordinator;
    final List<NodeId> liveReplicas;
    final NodeId minter;
    final byte[] value;             // null for a delete
    final VersionVector context;
    final CrdtOp crdtOp;            // non-null for a CRDT update (then value and context are unused)
    final long operationId;         // the client's id of the CRDT operation
    ReadTally settlement;     // a retried CRDT update: every replica's state, read before applying
    byte[] writtenContext;          // the minted version's context, returned to the client

    WriteOperation(long opId, ClientRef client, long requestId, Key key, Consistency level, long deadlineTick,
                   List<NodeId> replicas, int required, List<NodeId> liveReplicas, NodeId minter,
                   byte[] value, VersionVector context, CrdtOp crdtOp, long operationId) {
        super(opId, client, requestId, key, level, deadlineTick);
        this.coordinator = new WriteTally(replicas, required);
        this.liveReplicas = List.copyOf(liveReplicas);
        this.minter = minter;
        this.value = value;
        this.context = context;
        this.crdtOp = crdtOp;
        this.operationId = operationId;
    }

    String verb() {
        if (crdtOp != null) return crdtOp.target().displayName() + " update";
        return value == null ? "delete" : "put";
    }

    @Override
    boolean isFinished() {
        return isAnswered();
    }
}
