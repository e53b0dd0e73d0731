package io.chorus.replication.replica;

import io.chorus.replication.Invariants;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.coordinate.Coordinations;
import io.chorus.replication.coordinate.CoordinatorContext;
import io.chorus.replication.coordinate.Coordinators;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Clock;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CoordinatorReply;
import io.chorus.replication.message.CrdtMint;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Heartbeat;
import io.chorus.replication.message.HintWrite;
import io.chorus.replication.message.LeafKeys;
import io.chorus.replication.message.MintWrite;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.PullKeys;
import io.chorus.replication.message.PurgeTombstone;
import io.chorus.replication.message.ReplicaRead;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.message.SyncLeaves;
import io.chorus.replication.message.TreeNodes;
import io.chorus.replication.hints.HintStore;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.topology.FailureDetector;
import io.chorus.replication.topology.Topology;

import java.util.EnumSet;
import java.util.Set;

/**
 * One node's protocol core, driven like etcd raft's RawNode: {@link #step} an {@link Input}, then
 * take the {@link Ready} of outputs and {@link #advance} it once its writes are stored. A router:
 * client requests go to a coordination of their kind ({@code coordinate/}), replica requests to the
 * partition replicas ({@code partition/}), replies to the coordination that asked. Single-threaded
 * and free of I/O: the shell (a Disruptor handler, or the simulator's event loop) does the rest.
 */
public final class Replica {
    /** Most tombstones one sweep (every anti-entropy interval) checks for stability. */
    static final int TOMBSTONE_SWEEP_KEYS_MAX = 1000;

    private final NodeId self;
    private final String actor;
    private final ReplicaConfig config;
    private final Set<InjectedBug> bugs;
    private final ReplicaObserver observer;
    private final FailureDetector failureDetector;
    private final Outputs outputs = new Outputs();
    private final ReplicaParts parts;
    private final Clock clock;
    private final Coordinations inFlight = new Coordinations();
    private final Coordinators coordinators;
    private Topology topology;
    private long tick;

    /** A replica minting under {@code self.actor(actorEpoch)}; the shell takes the epoch from {@link ActorEpochs}. */
    public Replica(NodeId self, long actorEpoch, Topology topology, ReplicaConfig config, Storage storage, RandomSource random,
                   Clock clock, ReplicaObserver observer, Set<InjectedBug> bugs) {
        if (!topology.isMember(self)) throw new IllegalArgumentException(self + " is not a member of " + topology);
        this.self = self;
        this.actor = self.actor(actorEpoch);
        this.config = config;
        this.topology = topology.withReplicationFactor(config.replicationFactor());
        this.bugs = bugs.isEmpty() ? EnumSet.noneOf(InjectedBug.class) : EnumSet.copyOf(bugs);
        this.observer = observer;
        this.clock = clock;
        this.failureDetector = new FailureDetector(self, config.failureSuspectTicks());
        this.parts = new ReplicaParts(self, actorEpoch, this::topology, config, storage, outputs, observer, clock, this.bugs);
        this.coordinators = new Coordinators(new Context(), inFlight, (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) + 1);
    }

    // ---- the loop

    /** Feeds one input; its outputs wait in {@link #ready()}. */
    public void step(Input input) {
        if (input instanceof Input.Client c) {
            onClient(c.client(), c.requestId(), c.request());
        } else if (input instanceof Input.FromPeer p) {
            if (!topology.isMember(p.from()) || p.from().equals(self)) return; // not ours to trust
            failureDetector.heard(p.from(), tick);
            dispatch(p.from(), p.message());
        } else if (input instanceof Input.Tick) {
            onTick();
        } else if (input instanceof Input.PeerUnreachable u) {
            failureDetector.unreachable(u.peer());
        } else if (input instanceof Input.TopologyChanged t) {
            onTopology(t.topology());
        } else {
            throw new IllegalArgumentException("unknown input " + input); // a new Input kind without a route
        }
        deliverToSelf();
    }

    public boolean hasReady() {
        return outputs.hasAny();
    }

    /** Everything produced since the last call; the shell must persist its writes before the next step. */
    public Ready ready() {
        Ready ready = outputs.take();
        parts.keys.stepDone();
        return ready;
    }

    /** {@code ready}'s writes are stored (fsynced if it had to sync): release what waited for them. */
    public void advance(Ready ready) {
        ready.markAdvanced();
        for (PeerMessage ack : ready.selfAfterPersist()) dispatch(self, ack);
        deliverToSelf();
    }

    /**
     * {@code ready}'s writes could not be stored (the shell's storage failed): its acknowledgements are
     * dropped, so the coordinators waiting for them time out (an indeterminate outcome, never a false ack).
     */
    public void abandon(Ready ready) {
        ready.markAdvanced();
    }

    // ---- routing

    private void onClient(ClientRef client, long requestId, io.chorus.replication.message.ClientRequest request) {
        if (coordinators.start(client, requestId, request)) return;
        if (request instanceof DescribeCluster) {
            outputs.reply(client, requestId, topology.describe());
        } else {
            outputs.reply(client, requestId, new Failure(ErrorKind.INVALID_REQUEST, "unknown request "
                    + (request == null ? "null" : request.getClass().getSimpleName())));
        }
    }

    private void dispatch(NodeId from, PeerMessage message) {
        if (message instanceof ReplicaRead m) {
            parts.replicaSide.onRead(from, m);
        } else if (message instanceof ReplicaWrite m) {
            parts.tombstones.beforeWrite(from, m);
            parts.replicaSide.onWrite(from, m);
        } else if (message instanceof PurgeTombstone m) {
            if (topology.replicasOf(m.key()).contains(self)) parts.tombstones.onPurge(m);
        } else if (message instanceof MintWrite m) {
            parts.replicaSide.onMint(from, m);
        } else if (message instanceof CrdtMint m) {
            parts.replicaSide.onCrdtMint(from, m);
        } else if (message instanceof HintWrite m) {
            if (topology.replicasOf(m.key()).contains(self)) { // the coordinator's topology differs: keep it as a replica
                parts.replicaSide.onWrite(from, new ReplicaWrite(m.opId(), m.key(), m.siblings(), true, m.durable()));
            } else {
                parts.hints.onHint(from, m);
            }
        } else if (message instanceof CoordinatorReply m) {
            if (!HintStore.isDelivery(m.opId())) {
                inFlight.onReply(from, m.opId(), m.key(), m);
            } else if (m instanceof ReplicaWriteAck ack) {
                parts.hints.onAck(from, ack);
            }
        } else if (message instanceof TreeNodes m) {
            parts.antiEntropy.onTreeNodes(from, m);
        } else if (message instanceof SyncLeaves m) {
            parts.antiEntropy.onSyncLeaves(from, m);
        } else if (message instanceof LeafKeys m) {
            parts.antiEntropy.onLeafKeys(from, m);
        } else if (message instanceof PullKeys m) {
            parts.antiEntropy.onPullKeys(from, m);
        } else if (!(message instanceof Heartbeat)) {
            throw new IllegalArgumentException("unhandled peer message " + message.getClass().getSimpleName());
        }
    }

    /** Messages this step sent to the node itself, handled as if from a peer (bounded: each answer is final). */
    private void deliverToSelf() {
        int delivered = 0;
        for (PeerMessage m = outputs.nextToSelf(); m != null; m = outputs.nextToSelf()) {
            Invariants.check(++delivered <= 1_000_000, "more than a million messages to self in one step");
            dispatch(self, m);
        }
    }

    private void onTick() {
        tick++;
        parts.antiEntropy.onTick(tick % config.antiEntropyIntervalTicks() == 0, this::isAlive); // first: scans storage
        if (tick % config.heartbeatIntervalTicks() == 0) {
            for (NodeId peer : topology.members()) {
                if (!peer.equals(self)) outputs.send(peer, new Heartbeat());
            }
        }
        if (tick % config.antiEntropyIntervalTicks() == 0) {
            parts.tombstones.sweep(TOMBSTONE_SWEEP_KEYS_MAX, k -> topology.replicasOf(k).get(0).equals(self), coordinators::startTombstonePurge);
        }
        inFlight.onTick(tick, config.readSpeculationTicks());
        parts.replicaSide.onTick(tick);
        parts.hints.onTick(tick, this::isAlive);
        parts.tombstones.onTick();
        parts.expiries.onTick(clock.wallMillis());
    }

    /** A newer topology replaces the current one; requests in flight keep the replicas they started with. */
    private void onTopology(Topology next) {
        if (next.epoch() <= topology.epoch()) return; // old news
        if (!next.isMember(self)) throw new IllegalArgumentException(self + " is not a member of " + next);
        parts.partitions.onTopology(next);
        topology = next.withReplicationFactor(config.replicationFactor());
        parts.antiEntropy.onTopology(topology);
    }

    // ---- what the shell may ask

    /** Whether this node currently believes {@code node} is up. */
    public boolean isAlive(NodeId node) {
        return failureDetector.isAlive(node, tick);
    }

    /** Keys this node holds hints for, as a fallback. */
    public int hintsPending() {
        return parts.hints.count();
    }

    /** Approximate bytes of the hints this node holds. */
    public long hintBytes() {
        return parts.hints.bytes();
    }

    /** Tombstones held here, not yet known to be on every replica. */
    public long tombstonesPending() {
        return parts.tombstones.pendingCount();
    }

    /** Purge markers held here (purged tombstones' contexts). */
    public long purgeMarkers() {
        return parts.tombstones.markerCount();
    }

    /** Whether anti-entropy's Merkle trees are rebuilt from storage (until then it compares nothing). */
    public boolean antiEntropyReady() {
        return parts.partitions.treesBuilt();
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

    public Topology topology() {
        return topology;
    }

    /** The coordinators' view of this node. */
    private final class Context implements CoordinatorContext {
        @Override public NodeId self() { return self; }
        @Override public Topology topology() { return topology; }
        @Override public ReplicaConfig config() { return config; }
        @Override public long tick() { return tick; }
        @Override public long wallMillis() { return clock.wallMillis(); }
        @Override public boolean isAlive(NodeId node) { return Replica.this.isAlive(node); }
        @Override public boolean hasBug(InjectedBug bug) { return bugs.contains(bug); }
        @Override public void send(NodeId to, PeerMessage message) { outputs.send(to, message); }
        @Override public void reply(ClientRef client, long requestId, ClientResponse response) { outputs.reply(client, requestId, response); }
        @Override public void readRepaired(int replicas) { observer.readRepaired(replicas); }
        @Override public void tombstoneOnEveryPrimary(Key key) { coordinators.startTombstonePurge(key); }
    }

    /** Collects a step's outputs into the next Ready; messages to this node stay inside. */
    private final class Outputs extends ReadyBuilder {
        @Override
        boolean isSelf(NodeId node) {
            return node.equals(self);
        }

        @Override
        public void persist(Key key, KeyState state, boolean durable) {
            super.persist(key, state, durable && !bugs.contains(InjectedBug.SKIP_DURABLE_SYNC));
        }
    }
}
