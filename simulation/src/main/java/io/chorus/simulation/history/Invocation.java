package io.chorus.simulation.history;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.ring.NodeId;

import java.util.Objects;

/**
 * A client started an operation.
 *
 * @param opId        unique in the history, in invocation order
 * @param client      the client's number
 * @param value       the written value for a put (unique in the run), else null
 * @param context     the causal context sent with a put or delete (empty: none; always empty for a get)
 * @param coordinator the node the request was sent to (a CRDT update's first attempt; retries pick again)
 * @param atMicros    virtual time of the invocation
 * @param crdt        for a CRDT update: the increment or element and the operation id; else null
 */
public record Invocation(int opId, int client, OpType type, Key key, String value, VersionVector context,
                         Consistency level, NodeId coordinator, long atMicros, CrdtCall crdt) {
    public Invocation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(level, "level");
        if (type.putsValue() != (value != null)) throw new IllegalArgumentException("a put, and only a put, has a value: " + type);
        if (type.isCrdtUpdate() != (crdt != null)) throw new IllegalArgumentException("a CRDT update, and only one, has a CRDT call: " + type);
        if (crdt != null && (type == OpType.COUNTER_ADD) != (crdt.element() == null)) {
            throw new IllegalArgumentException("a counter increment has an amount, a set update an element: " + type + " " + crdt);
        }
        if (!type.isWrite() && type != OpType.TTL_PUT && !context.isEmpty()) throw new IllegalArgumentException("only a put or delete carries a context: " + type);
    }

    /** A plain get, put or delete. */
    public Invocation(int opId, int client, OpType type, Key key, String value, VersionVector context,
                      Consistency level, NodeId coordinator, long atMicros) {
        this(opId, client, type, key, value, context, level, coordinator, atMicros, null);
    }
}
