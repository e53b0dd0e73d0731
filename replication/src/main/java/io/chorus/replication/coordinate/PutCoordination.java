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
 * the first live primary, asked with {@link MintWrite}. With an operation id, the minter stores the
 * id with the value (or its refusal mark), and a retry is settled first ({@link RetrySettlement}) and
 * then minted by the first live primary, so that a retry through any coordinator yields one value.
 */
final class PutCoordination extends WriteCoordination {
    private final byte[] value; // null for a delete
    private final VersionVector clientContext;
    private final long operationId;
    private final long expiresAtMillis; // 0: never (a TTL put's expiry, by the coordinator's clock)

    PutCoordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level,
                    List<NodeId> replicas, List<NodeId> live, int required, byte[] value, VersionVector clientContext,
                    boolean durable, long operationId, boolean retry, long expiresAtMillis) {
        super(context, opId, client, requestId, key, level, replicas, live, required,
                !retry && live.contains(context.self()) ? context.self() : live.get(0), durable);
        this.value = value;
        this.clientContext = clientContext;
        this.operationId = operationId;
        this.expiresAtMillis = expiresAtMillis;
        if (retry) settleFirst(operationId, true);
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
    void mint() {
        context.send(minter, new MintWrite(opId, key, value, clientContext, durable, operationId, expiresAtMillis));
    }
}
