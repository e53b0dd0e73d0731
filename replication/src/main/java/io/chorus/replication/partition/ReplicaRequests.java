package io.chorus.replication.partition;

import io.chorus.crdt.type.HybridClock;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Effects;
import io.chorus.replication.message.CrdtMint;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.MintResult;
import io.chorus.replication.message.MintWrite;
import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.state.Key;
import io.chorus.replication.topology.Topology;

import java.util.function.Supplier;

/**
 * This node as a replica: it answers the coordinators' requests (read, merge, mint a write, mint a
 * CRDT operation) from its partition replicas. Answers that claim a write is stored leave only once
 * the step's writes are persisted ({@link Effects#sendAfterPersist}); read answers leave at once.
 */
public final class ReplicaRequests {
    /** How far ahead of this node's clock a stored register timestamp may be before it is distrusted. */
    private static final long HYBRID_CLOCK_DRIFT_MILLIS_MAX = 3_600_000;

    private final NodeId self;
    private final String actor;
    private final long actorEpoch;
    private final Partitions partitions;
    private final Supplier<Topology> topology;
    private final Effects effects;
    private final MintLog mintLog;
    private final PartitionReplica.Limits limits;
    private final Clock clock;
    private final HybridClock hybridClock;
    private long currentTick;

    /** @param actorEpoch the epoch {@code actor} is in: answers name it, for session tokens */
    public ReplicaRequests(NodeId self, String actor, long actorEpoch, Partitions partitions, Supplier<Topology> topology, Effects effects,
                           long mintLogRetentionTicks, int mintLogEntriesMax, PartitionReplica.Limits limits, Clock clock) {
        this.self = self;
        this.actor = actor;
        this.actorEpoch = actorEpoch;
        this.partitions = partitions;
        this.topology = topology;
        this.effects = effects;
        this.mintLog = new MintLog(mintLogRetentionTicks, mintLogEntriesMax);
        this.limits = limits;
        this.clock = clock;
        this.hybridClock = new HybridClock(actor, HYBRID_CLOCK_DRIFT_MILLIS_MAX);
    }

    public void onRead(NodeId from, ReplicaRead m) {
        effects.send(from, new ReplicaReadResult(m.opId(), m.key(), partitions.of(m.key()).get(m.key()), actorEpoch));
    }

    public void onWrite(NodeId from, ReplicaWrite m) {
        if (!isReplicaOf(m.key())) return; // not ours: a confused or stale peer
        String error = partitions.of(m.key()).merge(m.key(), m.siblings(), m.durable());
        if (m.ackWanted()) effects.sendAfterPersist(from, new ReplicaWriteAck(m.opId(), m.key(), error, actorEpoch));
    }

    public void onMint(NodeId from, MintWrite m) {
        if (answeredWithoutMinting(from, m.opId(), m.key())) return;
        // The client's operation id, when it sent one, so that a retry through another coordinator is
        // recognised too. Else a coordinator's own mint never travels, so it cannot be duplicated: no id
        // to remember (ids cost every later merge, digest and encoding of the key, up to AppliedOps.CAPACITY).
        long mintId = m.operationId() != 0 ? m.operationId() : from.equals(self) ? 0 : mintIdOf(from, m.opId());
        if (m.operationId() != 0 && mayHaveForgotten(m.key(), m.operationId())) { // client ids grow with time; mintIdOf's do not
            answer(from, m.opId(), m.key(), Minted.forgotten(m.key(), m.operationId()));
            return;
        }
        long expiresAt = m.value() == null ? 0 : m.expiresAtMillis(); // a tombstone never expires
        Minted minted = expiresAt < 0 ? Minted.invalid("expiry " + expiresAt + " of the put of key " + m.key() + " is negative")
                : partitions.of(m.key()).mint(m.key(), m.value(), m.context(), actor, limits, mintId, m.durable(), expiresAt);
        answer(from, m.opId(), m.key(), minted);
    }

    public void onCrdtMint(NodeId from, CrdtMint m) {
        if (answeredWithoutMinting(from, m.opId(), m.key())) return;
        if (mayHaveForgotten(m.key(), m.operationId())) { // CRDT updates always carry their client's id
            answer(from, m.opId(), m.key(), Minted.forgotten(m.key(), m.operationId()));
            return;
        }
        Minted minted = partitions.of(m.key()).applyCrdt(m.key(), m.operation(), m.operationId(), actor, hybridClock,
                clock.wallMillis(), m.durable());
        answer(from, m.opId(), m.key(), minted);
    }

    /** The router's tick: the mint log forgets what is older than its retention. */
    public void onTick(long tick) {
        currentTick = tick;
        mintLog.expire(tick);
    }

    private void answer(NodeId from, long opId, Key key, Minted minted) {
        if (!from.equals(self)) mintLog.record(from, opId, minted.refusal(), minted.reason(), currentTick);
        effects.sendAfterPersist(from, minted.isRefused()
                ? MintResult.refused(opId, key, minted.refusal(), minted.reason())
                : MintResult.ok(opId, key, minted.delta(), minted.contextAfter(), actorEpoch));
    }

    /**
     * A mint request this replica must not act on: it is not a replica of the key (refused), or the
     * request is a duplicate (answered as before, never minted twice). True when it was answered.
     */
    private boolean answeredWithoutMinting(NodeId from, long opId, Key key) {
        if (!isReplicaOf(key)) {
            effects.send(from, MintResult.refused(opId, key, ErrorKind.UNAVAILABLE, self + " is not a replica of key " + key));
            return true;
        }
        MintLog.Outcome earlier = mintLog.find(from, opId);
        if (earlier == null) return false;
        // Answered again with the whole state: the first answer's delta may be what was lost.
        var state = partitions.of(key).get(key);
        effects.sendAfterPersist(from, earlier.refusal() == null
                ? MintResult.ok(opId, key, state, state.context(), actorEpoch)
                : MintResult.refused(opId, key, earlier.refusal(), earlier.reason()));
        return true;
    }

    private boolean isReplicaOf(Key key) {
        return topology.get().replicasOf(key).contains(self);
    }

    /**
     * A client id older than every id the key's full AppliedOps keeps, and not a refusal it remembers:
     * neither a put nor a CRDT update under it is applied (see {@link Minted#forgotten}).
     */
    private boolean mayHaveForgotten(Key key, long operationId) {
        AppliedOps applied = partitions.of(key).get(key).appliedOps();
        return applied.mayHaveForgotten(operationId) && !applied.contains(AppliedOps.refusalMark(operationId));
    }

    /**
     * The id a remote mint without a client operation id is stored under: the coordinator's op id
     * mixed with its name, so that two coordinators' op ids cannot collide; even, as bit 0 marks a refusal.
     */
    private static long mintIdOf(NodeId coordinator, long opId) {
        long id = ((opId * 0x9E3779B97F4A7C15L) ^ ((long) coordinator.name().hashCode() << 17)) & ~1L; // even, like a client's
        return id == 0 ? 2 : id;
    }
}
