package io.chorus.replication.coordinate;

import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.coordinate.RequestValidator.InvalidRequestException;
import io.chorus.replication.crdt.CrdtOps;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Put;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client request into the coordination of its kind: validates it against the limits,
 * refuses at once what cannot succeed (Unavailable, Overloaded), and starts the rest. Every request
 * gets exactly one reply, from here or from its coordination.
 */
public final class Coordinators {
    private final CoordinatorContext context;
    private final Coordinations inFlight;
    private final RequestValidator validator;
    private long nextOpId;

    /** @param firstOpId op ids start at a random point, so that late replies to a previous incarnation's ops never match */
    public Coordinators(CoordinatorContext context, Coordinations inFlight, long firstOpId) {
        this.context = context;
        this.inFlight = inFlight;
        this.validator = new RequestValidator(context.config());
        this.nextOpId = firstOpId;
    }

    /** Starts the request's coordination, or answers it at once; false if it is not a data request. */
    public boolean start(ClientRef client, long requestId, ClientRequest request) {
        try {
            if (request instanceof Get get) {
                startRead(client, requestId, get.key(), get.consistency(), null);
            } else if (request instanceof CrdtGet get) {
                if (get.type() == null) throw new InvalidRequestException("CRDT read names no type");
                startRead(client, requestId, get.key(), get.consistency(), get.type());
            } else if (request instanceof Put put) {
                validator.value(put.value());
                startPut(client, requestId, put.key(), put.consistency(), put.context(), put.value(), put.durable());
            } else if (request instanceof Delete delete) {
                startPut(client, requestId, delete.key(), delete.consistency(), delete.context(), null, delete.durable());
            } else if (request instanceof CrdtUpdate update) {
                startCrdtUpdate(client, requestId, update);
            } else {
                return false;
            }
        } catch (InvalidRequestException e) {
            context.reply(client, requestId, new Failure(ErrorKind.INVALID_REQUEST, e.getMessage()));
        }
        return true;
    }

    private void startRead(ClientRef client, long requestId, Key key, byte level, CrdtType crdtType) {
        Admitted a = admit(client, requestId, "read", key, level, false);
        if (a == null) return;
        inFlight.start(new ReadCoordination(context, nextOpId++, client, requestId, key, a.level, a.replicas, a.live, a.required, crdtType));
    }

    private void startPut(ClientRef client, long requestId, Key key, byte level, byte[] contextBytes, byte[] value, boolean durable) {
        validator.key(key);
        var clientContext = validator.context(key, contextBytes);
        Admitted a = admit(client, requestId, value == null ? "delete" : "put", key, level, true);
        if (a == null) return;
        inFlight.start(new PutCoordination(context, nextOpId++, client, requestId, key, a.level, a.replicas, a.live, a.required,
                value, clientContext, durable));
    }

    private void startCrdtUpdate(ClientRef client, long requestId, CrdtUpdate update) {
        try {
            CrdtOps.validate(update.operation(), context.config().valueBytesMax(), 0);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException("CRDT operation is invalid: " + e.getMessage());
        }
        String verb = update.operation().target().displayName() + " update";
        Admitted a = admit(client, requestId, verb, update.key(), update.consistency(), true);
        if (a == null) return;
        boolean retry = update.attempt() > 1;
        if (retry && a.live.size() < a.replicas.size()) {
            List<NodeId> down = new ArrayList<>(a.replicas);
            down.removeAll(a.live);
            context.reply(client, requestId, new Failure(ErrorKind.UNAVAILABLE, "(need " + a.replicas.size() + ", alive "
                    + a.live.size() + "): retried operation " + update.operationId() + " on key " + update.key()
                    + " cannot be settled while " + down + " is down: it may have applied the first attempt. Retry when it is back"));
            return;
        }
        inFlight.start(new CrdtUpdateCoordination(context, nextOpId++, client, requestId, update.key(), a.level, a.replicas,
                a.live, a.required, update.operation(), update.operationId(), retry, update.durable()));
    }

    private record Admitted(Consistency level, List<NodeId> replicas, List<NodeId> live, int required) {
    }

    /** Validates key and level, then refuses at once (Unavailable, Overloaded) what must not start; null if refused. */
    private Admitted admit(ClientRef client, long requestId, String verb, Key key, byte levelCode, boolean write) {
        validator.key(key);
        int n = context.topology().replicationFactor();
        Consistency level = validator.consistency(levelCode, n);
        List<NodeId> replicas = context.topology().replicasOf(key);
        int required = level.required(n);
        if (write && context.hasBug(InjectedBug.ACK_BEFORE_QUORUM)) required = Math.max(1, required - 1);
        List<NodeId> live = new ArrayList<>(replicas.size());
        for (NodeId replica : replicas) {
            if (context.isAlive(replica)) live.add(replica);
        }
        if (live.size() < required) {
            List<NodeId> down = new ArrayList<>(replicas);
            down.removeAll(live);
            context.reply(client, requestId, new Failure(ErrorKind.UNAVAILABLE, "(need " + required + ", alive " + live.size()
                    + "): " + level + " " + verb + " of key " + key + " needs " + required + " live replicas of "
                    + replicas + "; down: " + down));
            return null;
        }
        int max = context.config().inFlightRequestsMax();
        if (inFlight.size() >= max) {
            context.reply(client, requestId, new Failure(ErrorKind.OVERLOADED, "(in flight " + inFlight.size()
                    + ", limit inFlightRequestsMax=" + max + "): " + context.self()
                    + " is coordinating too many requests; retry with backoff"));
            return null;
        }
        return new Admitted(level, replicas, live, required);
    }
}
