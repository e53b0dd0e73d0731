package io.chorus.replication.replica;

import io.chorus.replication.topology.FailureDetector;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Member;
import io.chorus.replication.state.KeyState;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.crdt.type.HybridClock;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.CrdtOps;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.coordinate.ReadTally;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.Storage;
import io.chorus.replication.env.StorageFullException;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtMint;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Heartbeat;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.KeyDigests;
import io.chorus.replication.message.MintResult;
import io.chorus.replication.message.MintWrite;
import io.chorus.replication.message.PartitionDigests;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.PullKeys;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.ReplicaReadResult;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.replica.RequestValidator.InvalidRequestException;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's protocol state machine: it coordinates client requests and serves as a replica for its
 * partitions. Single-threaded and not thread-safe by design: the shell (Disruptor handler, or the
 * simulator's event loop) calls these methods from one thread; output goes to the {@link Outbox}.
 *
 * <p>Writes: one replica mints the new version (its dot), then the minted state is merged by the
 * other replicas; the client is answered after W replicas stored it (invariant 1). Reads: the
 * answers of R replicas are merged; once all replicas answered, stale ones get the merge (read
 * repair). Anti-entropy repairs the rest in the background.
 */
public final class Replica {
    /** How far ahead of this node's clock a stored register timestamp may be before it is distrusted. */
    private static final long HYBRID_CLOCK_DRIFT_MILLIS_MAX = 3_600_000;
    /** How long (in request timeouts) refused mints are remembered: the Outbox's bound on a duplicate's delay. */
    static final int MINT_LOG_RETENTION_TIMEOUTS = 16;
    private final NodeId self;
    /** The name this replica mints dots under: {@code self} in this epoch (see {@link NodeId#actor}). */
    private final String actor;
    private final Membership membership;
    private final Ring ring;
    private final ReplicaConfig config;
    private final int replicationFactor;
    private final Outbox outbox;
    private final LocalStore store;
    private final FailureDetector failureDetector;
    private final RequestValidator validator;
    private final AntiEntropy antiEntropy;
    private final Set<InjectedBug> bugs;
    private final ReplicaObserver observer;
    private final MintLog mintLog;
    private final Clock clock;
    private final HybridClock hybridClock;
    private final LinkedHashMap<Long, Operation> inFlight = new LinkedHashMap<>(); // creation order = deadline order
    private final List<NodeId>[] replicasByPartition; // membership is static: computed once
    private long tick;
    private long nextOpId;

    /** A replica in epoch 0: it mints under its plain node name (tests, and a node that never stopped uncleanly). */
    public Replica(NodeId self, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
                   RandomSource random, Clock clock) {
        this(self, 0, membership, config, storage, outbox, random, clock, ReplicaObserver.NOOP);
    }

    /**
     * A replica that mints under {@code self.actor(actorEpoch)} and reports its repairs to
     * {@code observer} (a node's metrics). The shell must give a new epoch after every stop that
     * may have lost storage writes (anything but a clean shutdown): the dots minted into the lost
     * writes may already be held by other replicas, and minting them again for new values would
     * name two values with one dot.
     */
    public Replica(NodeId self, long actorEpoch, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
                   RandomSource random, Clock clock, ReplicaObserver observer) {
        this(self, actorEpoch, membership, config, storage, outbox, random, clock, EnumSet.noneOf(InjectedBug.class), observer);
    }

    /** For tests only: the same replica with deliberate bugs switched on. */
    public Replica(NodeId self, long actorEpoch, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
                   RandomSource random, Clock clock, Set<InjectedBug> bugs) {
        this(self, actorEpoch, membership, config, storage, outbox, random, clock, bugs, ReplicaObserver.NOOP);
    }

    Replica(NodeId self, long actorEpoch, Membership membership, ReplicaConfig config, Storage storage, Outbox outbox,
            RandomSource random, Clock clock, Set<InjectedBug> bugs, ReplicaObserver observer) {
        if (membership.member(self).isEmpty()) throw new IllegalArgumentException(self + " is not a member of " + membership.members());
        this.self = self;
        this.actor = self.actor(actorEpoch);
        this.membership = membership;
        this.ring = membership.ring();
        this.config = config;
        this.replicationFactor = Math.min(config.replicationFactor(), ring.members().size());
        this.replicasByPartition = preferenceLists(ring, replicationFactor);
        this.outbox = outbox;
        this.store = new LocalStore(storage, ring);
        this.failureDetector = new FailureDetector(self, config.failureSuspectTicks());
        this.validator = new RequestValidator(config, replicationFactor);
        this.observer = observer;
        this.antiEntropy = new AntiEntropy(self, ring, replicationFactor, store, outbox, config.antiEntropyKeysMax(), observer);
        this.bugs = bugs.isEmpty() ? EnumSet.noneOf(InjectedBug.class) : EnumSet.copyOf(bugs);
        this.mintLog = new MintLog(MINT_LOG_RETENTION_TIMEOUTS * config.requestTimeoutTicks(), config.inFlightRequestsMax());
        this.clock = clock;
        this.hybridClock = new HybridClock(actor, HYBRID_CLOCK_DRIFT_MILLIS_MAX);
        // Op ids start at a random point so that late replies to a previous incarnation's ops never match.
        this.nextOpId = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) + 1;
    }

    // ---- inputs --------------------------------------------------------------------------------

    /** A message from peer {@code from} (the shell knows the sender from the connection's Hello). */
    public void onMessage(NodeId from, PeerMessage message) {
        if (membership.member(from).isEmpty() || from.equals(self)) return; // not ours to trust
        failureDetector.heard(from, tick);
        if (message instanceof ReplicaRead m) {
            outbox.send(from, new ReplicaReadResult(m.opId(), m.key(), store.get(m.key())));
        } else if (message instanceof ReplicaReadResult m) {
            onReadResult(from, m);
        } else if (message instanceof ReplicaWrite m) {
            onReplicaWrite(from, m);
        } else if (message instanceof ReplicaWriteAck m) {
            onWriteAck(from, m);
        } else if (message instanceof MintWrite m) {
            onMintWrite(from, m);
        } else if (message instanceof MintResult m) {
            onMintResult(from, m);
        } else if (message instanceof PartitionDigests m) {
            antiEntropy.onPartitionDigests(from, m);
        } else if (message instanceof KeyDigests m) {
            antiEntropy.onKeyDigests(from, m);
        } else if (message instanceof CrdtMint m) {
            onCrdtMint(from, m);
        } else if (message instanceof PullKeys m) {
            antiEntropy.onPullKeys(from, m, key -> replicasOf(key).contains(from) && replicasOf(key).contains(self));
        } else {
            assert message instanceof Heartbeat : "unhandled message " + message; // liveness already noted
        }
    }

    /** A client request; the answer goes to {@code outbox.reply(client, requestId, ...)} exactly once. */
    public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
        try {
            if (request instanceof Get get) {
                startRead(client, requestId, get.key(), get.consistency(), null);
            } else if (request instanceof Put put) {
                startWrite(client, requestId, put.key(), put.consistency(), put.context(), checkedValue(put.value()));
            } else if (request instanceof Delete delete) {
                startWrite(client, requestId, delete.key(), delete.consistency(), delete.context(), null);
            } else if (request instanceof CrdtUpdate update) {
                startCrdtUpdate(client, requestId, update);
            } else if (request instanceof CrdtGet get) {
                startRead(client, requestId, get.key(), get.consistency(), requireType(get.type()));
            } else if (request instanceof DescribeCluster) {
                outbox.reply(client, requestId, describe());
            } else {
                throw new InvalidRequestException("unknown request " + request.getClass().getSimpleName());
            }
        } catch (InvalidRequestException e) {
            outbox.reply(client, requestId, new Failure(ErrorKind.INVALID_REQUEST, e.getMessage()));
        }
    }

    /** One tick of time: timeouts, heartbeats and anti-entropy pacing. */
    public void onTick() {
        tick++;
        if (tick % config.heartbeatIntervalTicks() == 0) {
            for (NodeId peer : ring.members()) {
                if (!peer.equals(self)) outbox.send(peer, new Heartbeat());
            }
        }
        if (tick % config.antiEntropyIntervalTicks() == 0) antiEntropy.startRound(this::isAlive);
        expireOperations();
        speculateSlowReads();
        mintLog.expire(tick);
    }

    /** The shell lost (or could not open) its connection to {@code peer}: treat it as down until heard from. */
    public void onPeerUnreachable(NodeId peer) {
        failureDetector.unreachable(peer);
    }

    /** Whether this node currently believes {@code node} is up. */
    public boolean isAlive(NodeId node) {
        return failureDetector.isAlive(node, tick);
    }

    /** Client requests being coordinated right now. */
    public int inFlightCount() {
        return inFlight.size();
    }

    public NodeId self() {
        return self;
    }

    /** The actor name this replica mints under (its node name with its epoch). */
    public String actor() {
        return actor;
    }

    // ---- reads ---------------------------------------------------------------------------------

    private void startRead(ClientRef client, long requestId, Key key, byte levelCode, CrdtType crdtType) {
        validator.key(key);
        Consistency level = validator.consistency(levelCode);
        List<NodeId> replicas = replicasOf(key);
        int required = level.required(replicationFactor);
        List<NodeId> live = liveOf(replicas);
        if (refusedBeforeStart(client, requestId, "read", key, level, replicas, live, required)) return;
        long opId = nextOpId++;
        List<NodeId> ask = new ArrayList<>(live);
        if (ask.remove(self)) ask.add(0, self); // the local copy costs no message
        ReadOperation op = new ReadOperation(opId, client, requestId, key, level, tick + config.requestTimeoutTicks(),
                replicas, required, crdtType, ask.subList(required, ask.size()));
        inFlight.put(opId, op);
        askForRead(op, ask.subList(0, required));
    }

    private void askForRead(ReadOperation op, List<NodeId> replicas) {
        op.contacted += replicas.size();
        boolean local = false;
        for (NodeId replica : replicas) {
            if (replica.equals(self)) local = true; else outbox.send(replica, new ReplicaRead(op.opId, op.key));
        }
        if (local) addReadResult(op, self, store.get(op.key));
    }

    /** Reads whose first replicas are slow ask the spare ones too. */
    private void speculateSlowReads() {
        List<ReadOperation> slow = null;
        long createdNoLaterThan = tick - config.readSpeculationTicks();
        for (Operation op : inFlight.values()) {
            // creation order: once an op is too young to speculate, so is every op after it
            if (op.deadlineTick - config.requestTimeoutTicks() > createdNoLaterThan) break;
            if (op instanceof ReadOperation read && !read.isAnswered() && !read.spare.isEmpty()) {
                if (slow == null) slow = new ArrayList<>();
                slow.add(read);
            }
        }
        if (slow == null) return;
        for (ReadOperation read : slow) {
            List<NodeId> spare = new ArrayList<>(read.spare);
            read.spare.clear();
            askForRead(read, spare);
        }
    }

    private static CrdtType requireType(CrdtType type) {
        if (type == null) throw new InvalidRequestException("CRDT read names no type");
        return type;
    }

    /** The read's answer: plain values, or the CRDT value, refusing a read of the wrong kind. */
    private ClientResponse readAnswer(ReadOperation op, KeyState merged) {
        Crdt<?> crdt = merged.crdt();
        if (op.crdtType == null) {
            if (crdt != null && !crdt.isEmpty() && !merged.hasLiveValues()) {
                return new Failure(ErrorKind.INVALID_REQUEST, "key " + op.key + " holds a " + crdt.type().displayName()
                        + ", not plain values: read it as a " + crdt.type().displayName());
            }
            return new GetResult(merged.liveValues().toArray(new byte[0][]), CausalContext.encode(merged.context()));
        }
        if (merged.hasLiveValues()) {
            return new Failure(ErrorKind.INVALID_REQUEST, "key " + op.key + " holds plain values, not a " + op.crdtType.displayName());
        }
        if (crdt != null && crdt.type() != op.crdtType) {
            return new Failure(ErrorKind.INVALID_REQUEST, "key " + op.key + " holds a " + crdt.type().displayName()
                    + ", not a " + op.crdtType.displayName() + ": a key's type is fixed by its first write");
        }
        return new CrdtValue(CrdtCodec.encode(crdt == null ? op.crdtType.empty() : crdt));
    }

    private void onReadResult(NodeId from, ReplicaReadResult m) {
        Operation op = inFlight.get(m.opId());
        if (op == null || !op.key.equals(m.key())) return;
        if (op instanceof ReadOperation read) addReadResult(read, from, m.siblings());
        else if (op instanceof WriteOperation write && write.settlement != null) addSettlementResult(write, from, m.siblings());
    }

    private void addReadResult(ReadOperation op, NodeId from, KeyState siblings) {
        if (!op.coordinator.addResult(from, siblings)) return;
        if (!op.isAnswered() && op.coordinator.isDone()) {
            KeyState merged = bugs.contains(InjectedBug.SKIP_SIBLING_MERGE) ? op.coordinator.lastReply() : op.coordinator.response();
            answer(op, readAnswer(op, merged));
        }
        if (op.isFinished()) finishRead(op);
    }

    /** Read repair: every replica that answered with less than the merge gets the merge. */
    private void finishRead(ReadOperation op) {
        inFlight.remove(op.opId);
        Map<NodeId, KeyState> repairs = op.coordinator.repairs();
        if (!repairs.isEmpty()) observer.readRepaired(repairs.size());
        for (Map.Entry<NodeId, KeyState> repair : repairs.entrySet()) {
            if (repair.getKey().equals(self)) {
                storeLocally(op.key, repair.getValue()); // a failed repair is retried by anti-entropy
            } else {
                outbox.send(repair.getKey(), new ReplicaWrite(0, op.key, repair.getValue(), false));
            }
        }
    }

    // ---- writes --------------------------------------------------------------------------------

    private byte[] checkedValue(byte[] value) {
        validator.value(value);
        return value;
    }

    private void startWrite(ClientRef client, long requestId, Key key, byte levelCode, byte[] contextBytes, byte[] value) {
        validator.key(key);
        Consistency level = validator.consistency(levelCode);
        VersionVector context = validator.context(contextBytes);
        List<NodeId> replicas = replicasOf(key);
        int required = level.required(replicationFactor);
        if (bugs.contains(InjectedBug.ACK_BEFORE_QUORUM)) required = Math.max(1, required - 1);
        List<NodeId> live = liveOf(replicas);
        String verb = value == null ? "delete" : "put";
        if (refusedBeforeStart(client, requestId, verb, key, level, replicas, live, required)) return;
        NodeId minter = live.contains(self) ? self : live.get(0);
        long opId = nextOpId++;
        WriteOperation op = new WriteOperation(opId, client, requestId, key, level, tick + config.requestTimeoutTicks(),
                replicas, required, live, minter, value, context, null, 0);
        inFlight.put(opId, op);
        if (minter.equals(self)) {
            MintResult minted = mintLocally(opId, key, value, context, 0);
            onMinted(op, minted);
        } else {
            outbox.send(minter, new MintWrite(opId, key, value, context));
        }
    }

    private void onMintWrite(NodeId from, MintWrite m) {
        if (answeredWithoutMinting(from, m.opId(), m.key())) return;
        MintResult result = mintLocally(m.opId(), m.key(), m.value(), m.context(), mintIdOf(from, m.opId()));
        mintLog.record(from, m.opId(), result.errorKind(), result.error(), tick);
        outbox.send(from, result);
    }

    /**
     * A mint request this replica must not act on: it is not a replica of the key (refused), or the
     * request is a duplicate (answered as before, never minted twice). True when it was answered.
     */
    private boolean answeredWithoutMinting(NodeId from, long opId, Key key) {
        if (!replicasOf(key).contains(self)) {
            outbox.send(from, MintResult.refused(opId, key, ErrorKind.UNAVAILABLE, self + " is not a replica of key " + key));
            return true;
        }
        MintLog.Outcome earlier = mintLog.find(from, opId);
        if (earlier == null) return false;
        outbox.send(from, earlier.refusal() == null
                ? MintResult.ok(opId, key, store.get(key))
                : MintResult.refused(opId, key, earlier.refusal(), earlier.reason()));
        return true;
    }

    /**
     * The id a remote mint is stored under: the coordinator's op id mixed with its name, so that two
     * coordinators' op ids cannot collide.
     */
    private static long mintIdOf(NodeId coordinator, long opId) {
        long id = (opId * 0x9E3779B97F4A7C15L) ^ ((long) coordinator.name().hashCode() << 17);
        return id == 0 ? 1 : id;
    }

    private MintResult mintLocally(long opId, Key key, byte[] value, VersionVector context, long mintId) {
        try {
            KeyState stored = store.mint(key, value, context, actor, config.siblingsMax(), mintId);
            if (stored == null) {
                return MintResult.refused(opId, key, ErrorKind.TOO_MANY_SIBLINGS, "key " + key + " already holds "
                        + store.get(key).size() + " concurrent values (limit siblingsMax=" + config.siblingsMax()
                        + "): read it and write back with the read's context to resolve them");
            }
            return MintResult.ok(opId, key, stored);
        } catch (IllegalArgumentException e) {
            return MintResult.refused(opId, key, ErrorKind.INVALID_REQUEST, e.getMessage());
        } catch (StorageFullException e) {
            return MintResult.refused(opId, key, ErrorKind.UNAVAILABLE, "storage full on " + self + ": " + e.getMessage());
        }
    }

    // ---- CRDT updates --------------------------------------------------------------------------

    /**
     * Like a write, but the minter is always the first live replica in preference-list order, not
     * this node: a retry of the same operation through another coordinator then reaches the same
     * replica, which recognises the operation id and does not apply it twice.
     */
    private void startCrdtUpdate(ClientRef client, long requestId, CrdtUpdate update) {
        validator.key(update.key());
        Consistency level = validator.consistency(update.consistency());
        try {
            CrdtOps.validate(update.operation(), config.valueBytesMax(), 0);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException("CRDT operation is invalid: " + e.getMessage());
        }
        List<NodeId> replicas = replicasOf(update.key());
        int required = level.required(replicationFactor);
        if (bugs.contains(InjectedBug.ACK_BEFORE_QUORUM)) required = Math.max(1, required - 1);
        List<NodeId> live = liveOf(replicas);
        String verb = update.operation().target().displayName() + " update";
        if (refusedBeforeStart(client, requestId, verb, update.key(), level, replicas, live, required)) return;
        if (update.attempt() > 1 && live.size() < replicas.size()) {
            List<NodeId> down = new ArrayList<>(replicas);
            down.removeAll(live);
            outbox.reply(client, requestId, new Failure(ErrorKind.UNAVAILABLE, "(need " + replicas.size() + ", alive " + live.size()
                    + "): retried operation " + update.operationId() + " on key " + update.key() + " cannot be settled while "
                    + down + " is down: it may have applied the first attempt. Retry when it is back"));
            return;
        }
        NodeId minter = live.get(0);
        long opId = nextOpId++;
        WriteOperation op = new WriteOperation(opId, client, requestId, update.key(), level, tick + config.requestTimeoutTicks(),
                replicas, required, live, minter, null, null, update.operation(), update.operationId());
        inFlight.put(opId, op);
        if (update.attempt() > 1) {
            settleRetry(op, replicas);
        } else {
            mintCrdt(op);
        }
    }

    private void mintCrdt(WriteOperation op) {
        if (op.minter.equals(self)) {
            onMinted(op, mintCrdtLocally(op.opId, op.key, op.crdtOp, op.operationId));
        } else {
            outbox.send(op.minter, new CrdtMint(op.opId, op.key, op.crdtOp, op.operationId));
        }
    }

    /**
     * A retry may follow a first attempt that was applied but never acknowledged, possibly on a
     * replica that crashed before shipping it. So before applying, read every replica: if any
     * applied the operation id, only replicate that state; if none did (and all answered), apply.
     */
    private void settleRetry(WriteOperation op, List<NodeId> replicas) {
        op.settlement = new ReadTally(replicas, replicas.size());
        for (NodeId replica : replicas) {
            if (!replica.equals(self)) outbox.send(replica, new ReplicaRead(op.opId, op.key));
        }
        if (replicas.contains(self)) addSettlementResult(op, self, store.get(op.key));
    }

    private void addSettlementResult(WriteOperation op, NodeId from, KeyState state) {
        if (op.isAnswered() || op.writtenContext != null || !op.settlement.addResult(from, state) || !op.settlement.isComplete()) return;
        KeyState merged = op.settlement.response();
        if (!merged.appliedOps().contains(op.operationId)) {
            mintCrdt(op);
            return;
        }
        // Applied before: make sure W replicas hold it, without applying it again.
        op.writtenContext = CausalContext.encode(merged.context());
        for (NodeId replica : op.liveReplicas) {
            if (replica.equals(self)) {
                recordStoreOutcome(op, self, storeLocally(op.key, merged));
            } else {
                outbox.send(replica, new ReplicaWrite(op.opId, op.key, merged, true));
            }
        }
    }

    private void onCrdtMint(NodeId from, CrdtMint m) {
        if (answeredWithoutMinting(from, m.opId(), m.key())) return;
        MintResult result = mintCrdtLocally(m.opId(), m.key(), m.operation(), m.operationId());
        mintLog.record(from, m.opId(), result.errorKind(), result.error(), tick);
        outbox.send(from, result);
    }

    private MintResult mintCrdtLocally(long opId, Key key, CrdtOp operation, long operationId) {
        try {
            KeyState delta = store.applyCrdt(key, operation, operationId, actor, hybridClock, clock.wallMillis());
            return MintResult.ok(opId, key, delta);
        } catch (IllegalArgumentException e) {
            return MintResult.refused(opId, key, ErrorKind.INVALID_REQUEST, e.getMessage());
        } catch (StorageFullException e) {
            return MintResult.refused(opId, key, ErrorKind.UNAVAILABLE, "storage full on " + self + ": " + e.getMessage());
        }
    }

    private void onMintResult(NodeId from, MintResult m) {
        if (inFlight.get(m.opId()) instanceof WriteOperation op && op.minter.equals(from) && op.key.equals(m.key())
                && op.writtenContext == null && !op.isAnswered()) {
            onMinted(op, m);
        }
    }

    /** The new version exists on the minter: count it and send it to the other live replicas. */
    private void onMinted(WriteOperation op, MintResult minted) {
        if (minted.errorKind() != null) {
            answer(op, new Failure(minted.errorKind(), minted.error()));
            inFlight.remove(op.opId);
            return;
        }
        op.writtenContext = CausalContext.encode(minted.stored().context());
        for (NodeId replica : op.liveReplicas) {
            if (!replica.equals(op.minter)) {
                if (replica.equals(self)) {
                    recordStoreOutcome(op, self, storeLocally(op.key, minted.stored()));
                } else {
                    outbox.send(replica, new ReplicaWrite(op.opId, op.key, minted.stored(), true));
                }
            }
        }
        recordStoreOutcome(op, op.minter, null);
    }

    private void onReplicaWrite(NodeId from, ReplicaWrite m) {
        if (!replicasOf(m.key()).contains(self)) return; // not ours: a confused or stale peer
        String error = storeLocally(m.key(), m.siblings());
        if (m.ackWanted()) outbox.send(from, new ReplicaWriteAck(m.opId(), m.key(), error));
    }

    private void onWriteAck(NodeId from, ReplicaWriteAck m) {
        if (inFlight.get(m.opId()) instanceof WriteOperation op && op.key.equals(m.key()) && op.writtenContext != null) {
            recordStoreOutcome(op, from, m.error());
        }
    }

    private void recordStoreOutcome(WriteOperation op, NodeId replica, String error) {
        if (op.isAnswered()) return;
        if (error == null) op.coordinator.addAck(replica); else op.coordinator.addFailure(replica, error);
        if (op.coordinator.isSuccess()) {
            answer(op, new WriteResult(op.writtenContext, false)); // durable: fsynced acks are the core rewrite's part
            inFlight.remove(op.opId);
        } else if (op.coordinator.isImpossible()) {
            answer(op, new Failure(ErrorKind.TIMEOUT, "(need " + op.coordinator.required() + ", acked " + op.coordinator.ackCount()
                    + "): " + op.level + " " + op.verb() + " of key " + op.key + " was refused by " + op.coordinator.failures()
                    + "; it is stored on " + op.coordinator.acks() + " and may become visible"));
            inFlight.remove(op.opId);
        }
    }

    /** Merges into local storage; returns null on success or why it failed. */
    private String storeLocally(Key key, KeyState siblings) {
        try {
            store.merge(key, siblings);
            return null;
        } catch (StorageFullException e) {
            return "storage full on " + self + ": " + e.getMessage();
        }
    }

    // ---- shared --------------------------------------------------------------------------------

    private List<NodeId> replicasOf(Key key) {
        return replicasByPartition[ring.partitionOf(key.bytesUnsafe())];
    }

    @SuppressWarnings("unchecked")
    private static List<NodeId>[] preferenceLists(Ring ring, int n) {
        List<NodeId>[] lists = new List[ring.partitions()];
        for (int p = 0; p < lists.length; p++) lists[p] = ring.preferenceList(p, n).primaries();
        return lists;
    }

    private List<NodeId> liveOf(List<NodeId> replicas) {
        List<NodeId> live = new ArrayList<>(replicas.size());
        for (NodeId replica : replicas) {
            if (isAlive(replica)) live.add(replica);
        }
        return live;
    }

    /** Refuses at once (Unavailable, Overloaded) when the request cannot succeed or must not start. */
    private boolean refusedBeforeStart(ClientRef client, long requestId, String verb, Key key, Consistency level,
                                       List<NodeId> replicas, List<NodeId> live, int required) {
        if (live.size() < required) {
            List<NodeId> down = new ArrayList<>(replicas);
            down.removeAll(live);
            outbox.reply(client, requestId, new Failure(ErrorKind.UNAVAILABLE, "(need " + required + ", alive " + live.size()
                    + "): " + level + " " + verb + " of key " + key + " needs " + required + " live replicas of "
                    + replicas + "; down: " + down));
            return true;
        }
        if (inFlight.size() >= config.inFlightRequestsMax()) {
            outbox.reply(client, requestId, new Failure(ErrorKind.OVERLOADED, "(in flight " + inFlight.size()
                    + ", limit inFlightRequestsMax=" + config.inFlightRequestsMax() + "): " + self + " is coordinating too many requests; retry with backoff"));
            return true;
        }
        return false;
    }

    private void answer(Operation op, ClientResponse response) {
        op.markAnswered();
        outbox.reply(op.client, op.requestId, response);
    }

    /** Ops whose deadline passed: answer Timeout if still unanswered, then finish them. */
    private void expireOperations() {
        Iterator<Operation> it = inFlight.values().iterator();
        List<ReadOperation> expiredReads = new ArrayList<>();
        while (it.hasNext()) {
            Operation op = it.next();
            if (op.deadlineTick > tick) break;
            it.remove();
            if (op instanceof ReadOperation read) {
                if (!read.isAnswered()) {
                    answer(read, new Failure(ErrorKind.TIMEOUT, "(need " + read.coordinator.required() + ", answered "
                            + read.coordinator.replyCount() + "): " + read.level + " read of key " + read.key
                            + " did not hear from enough replicas within " + config.requestTimeoutTicks() + " ticks"));
                }
                expiredReads.add(read);
            } else if (op instanceof WriteOperation write && !write.isAnswered()) {
                answer(write, new Failure(ErrorKind.TIMEOUT, "(need " + write.coordinator.required() + ", acked "
                        + write.coordinator.ackCount() + "): " + write.level + " " + write.verb() + " of key " + write.key
                        + " was not acknowledged by enough replicas within " + config.requestTimeoutTicks()
                        + " ticks; it may have been applied (retrying is safe)"));
            }
        }
        for (ReadOperation read : expiredReads) {
            if (read.coordinator.replyCount() > 1) finishRead(read);
        }
    }

    private ClusterDescription describe() {
        List<Member> members = membership.members();
        return new ClusterDescription(members.stream().map(m -> m.id().name()).toArray(String[]::new),
                members.stream().map(Member::address).toArray(String[]::new), ring.partitions(), replicationFactor);
    }
}
