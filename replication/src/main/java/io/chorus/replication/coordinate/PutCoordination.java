package io.chorus.replication.coordinate;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.MintWrite;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;

import java.util.List;

/**
 * A put or delete: minted by this node when it is a live replica of the key (no extra hop), else by
 * the first live primary, asked with {@link MintWrite}.
 */
final class PutCoordination extends WriteCoordination {
    private final byte[] value; // null for a delete
    private final VersionVector clientContext;

    PutCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                    List<NodeId> replicas, List<NodeId> live, int required, byte[] value, VersionVector clientContext,
                    boolean durable) {
        super(context, opId, client, requestId, key, level, replicas, live, required,
                live.contains(context.self()) ? context.self() : live.get(0), durable);
        this.value = value;
        this.clientContext = clientContext;
    }

    @Override
    String verb() {
        return value == null ? "delete" : "put";
    }

    @Override
    void onAllPrimariesAcked() {
        if (value == null) context.tombstoneOnEveryPrimary(key);
    }

    @Override
    void start() {
        context.send(minter, new MintWrite(opId, key, value, clientContext, durable));
    }
}
