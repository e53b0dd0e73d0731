package io.chorus.simulation.history;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.coordinator.Consistency;
import io.chorus.replication.message.Key;
import io.chorus.replication.ring.NodeId;

import java.util.Objects;

/**
 * A client started an operation.
 *
 * @param opId        unique in the history, in invocation order
 * @param client      the client's number
 * @param value       the written value for a put (unique in the run), else null
 * @param context     the causal context sent with a put or delete (empty: none; always empty for a get)
 * @param coordinator the node the request was sent to
 * @param atMicros    virtual time of the invocation
 */
public record Invocation(int opId, int client, OpType type, Key key, String value, VersionVector context,
                         Consistency level, NodeId coordinator, long atMicros) {
    public Invocation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(level, "level");
        if ((type == OpType.PUT) != (value != null)) throw new IllegalArgumentException("a put, and only a put, has a value: " + type);
    }
}
