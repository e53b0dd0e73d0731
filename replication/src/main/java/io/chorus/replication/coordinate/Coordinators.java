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
import io.chorus.replication.message.SessionToken;
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
            pendingSession = validator.session(sessionOf(request), context.topology().partitions());
            if (request instanceof Get get) {
                startRead(client, requestId, get.key(), get.consistency(), null);
            } else if (request instanceof CrdtGet get) {
                if (get.type() == null) throw new InvalidRequestException("CRDT read names no type");
                startRead(client, requestId, get.key(), get.consistency(), get.type());
            } else if (request instanceof Put put) {
                validator.value(put.value());
                validator.ttl(put.ttlMillis());
                startPut(client, requestId, new PlainWrite(put.key(), put.consistency(), put.context(), put.value(), put.durable(),
                        put.operationId(), put.attempt(), put.ttlMillis()));
            } else if (request instanceof Delete delete) {
                startPut(client, requestId, new PlainWrite(delete.key(), delete.consistency(), delete.context(), null, delete.durable(),
                        delete.operationId(), delete.attempt(), 0));
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

    private SessionToken pendingSession; // the token of the request being started

    private static byte[] sessionOf(ClientRequest request) {
        if (request instanceof Get r) return r.session();
        if (request instanceof CrdtGet r) return r.session();
        if (request instanceof Put r) return r.session();
        if (request instanceof Delete r) return r.session();
        if (request instanceof CrdtUpdate r) return r.session();
        return null;
    }

    private void launch(Coordination coordination) {
        coordination.carry(pendingSession);
        inFlight.start(coordination);
    }

    private void startRead(ClientRef client, long requestId, Key key, byte level, CrdtType crdtType) {
        Admitted a = admit(client, requestId, "read", key, level, false);
        if (a == null) return;
        launch(new ReadCoordination(context, nextOpId++, client, requestId, key, a.level, a.replicas, a.live, a.required, crdtType));
    }

    /** A put (value non-null) or delete as the client sent it; {@code ttlMillis} 0: never expires. */
    private record PlainWrite(Key key, byte level, byte[] context, byte[] value, boolean durable, long operationId, int attempt,
                              long ttlMillis) {
    }

    private void startPut(ClientRef client, long requestId, PlainWrite w) {
        validator.key(w.key());
        var clientContext = validator.context(w.key(), w.context());
        validator.operationId(w.operationId(), w.attempt());
        String verb = w.value() == null ? "delete" : "put";
        Admitted a = admit(client, requestId, verb, w.key(), w.level(), true);
        if (a == null) return;
        boolean retry = w.attempt() > 1;
        if (retry && refusedUnsettled(client, requestId, a, w.key(), w.operationId())) return;
        // The expiry is fixed here, once, by this node's clock: every replica stores the same instant with the value.
        long expiresAtMillis = w.ttlMillis() == 0 ? 0 : context.wallMillis() + w.ttlMillis();
        launch(new PutCoordination(context, nextOpId++, client, requestId, w.key(), a.level, a.replicas, a.live, a.required,
                w.value(), clientContext, w.durable(), w.operationId(), retry, expiresAtMillis));
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
        if (retry && refusedUnsettled(client, requestId, a, update.key(), update.operationId())) return;
        launch(new CrdtUpdateCoordination(context, nextOpId++, client, requestId, update.key(), a.level, a.replicas,
                a.live, a.required, update.operation(), update.operationId(), retry, update.durable()));
    }

    /**
     * Starts a check of whether {@code key}'s tombstone is on every replica ({@link TombstonePurge});
     * false, starting nothing, unless every member is alive and the node has room for it.
     */
    public boolean startTombstonePurge(Key key) {
        List<NodeId> members = context.topology().members();
        for (NodeId member : members) {
            if (!context.isAlive(member) && !context.hasBug(InjectedBug.PURGE_WITHOUT_EVERY_REPLICA)) return false;
        }
        if (inFlight.size() >= context.config().inFlightRequestsMax() / 2) return false; // client requests come first
        inFlight.start(new TombstonePurge(context, nextOpId++, key, context.topology().replicasOf(key), members));
        return true;
    }

    /**
     * A retry is settled by reading every replica ({@link RetrySettlement}); while one is down it may
     * hold the first attempt, so the retry is refused (Unavailable). True when refused.
     */
    private boolean refusedUnsettled(ClientRef client, long requestId, Admitted a, Key key, long operationId) {
        if (a.live.size() == a.replicas.size()) return false;
        List<NodeId> down = new ArrayList<>(a.replicas);
        down.removeAll(a.live);
        context.reply(client, requestId, new Failure(ErrorKind.UNAVAILABLE, "(need " + a.replicas.size() + ", alive "
                + a.live.size() + "): retried operation " + operationId + " on key " + key
                + " cannot be settled while " + down + " is down: it may have applied the first attempt. Retry when it is back"));
        return true;
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
