package io.chorus.simulation.world;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.type.CausalContext;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.RandomSource;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CodecException;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.replica.ActorEpochs;
import io.chorus.replication.replica.Input;
import io.chorus.replication.replica.ReadyLoop;
import io.chorus.replication.topology.Topology;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.check.Checkers;
import io.chorus.simulation.check.ConvergenceChecker;
import io.chorus.simulation.check.FinalState;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.network.SimNetwork;
import io.chorus.simulation.workload.CrdtClient;
import io.chorus.simulation.workload.TtlClient;
import io.chorus.simulation.workload.SimClient;
import io.chorus.simulation.workload.WorkloadClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One seeded run: real replicas on a virtual network and clock, driven by a single thread from a
 * priority queue of events ordered by (virtual time, sequence). Phases:
 * <ol>
 *   <li>safety: clients run and the nemesis injects faults for {@code safetySeconds};</li>
 *   <li>heal: every link up, loss and duplication off, every node restarted (crashed ones, and
 *       running ones as a fresh process on their storage), clients paused;</li>
 *   <li>convergence: with no client traffic (so no read repair), anti-entropy alone must make the
 *       replicas identical before a deadline;</li>
 *   <li>liveness: clients resume for a window in which every op must succeed; then they stop, and
 *       the replicas must settle (converge again) before a second deadline.</li>
 * </ol>
 * Then the checkers judge the history and the final storage of every node.
 */
public final class SimWorld implements SimNetwork.World, SimClient.World {
    /** Liveness window: ops invoked in it must all succeed. */
    static final long LIVENESS_WINDOW_MICROS = 5_000_000;
    /**
     * Events one run may process, about a hundred times a busy 60-second run: a replica that keeps
     * scheduling work without letting virtual time advance would otherwise hang the run, not fail it.
     */
    static final long EVENTS_MAX = 20_000_000;
    /** How often the liveness phase checks whether the replicas have converged. */
    static final long CONVERGENCE_POLL_MICROS = 100_000;

    private record Event(long atMicros, long sequence, Runnable action) {
    }

    private final RunParameters parameters;
    private final Trace trace;
    private final ReplicaFactory factory;
    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.atMicros != b.atMicros
            ? Long.compare(a.atMicros, b.atMicros) : Long.compare(a.sequence, b.sequence));
    private final History history = new History();
    private Topology topology; // one source of membership for every node; a new version reaches the running nodes as an input
    private final ReplicaConfig config;
    private final List<NodeId> nodeIds = new ArrayList<>();
    private final SimNode[] nodes;
    private final WorkloadClient[] clients; // the plain clients, then the CRDT clients
    private final SimNetwork network;
    private final Nemesis nemesis;
    private final RandomSource worldRandom;
    private long now;
    private long sequence;
    private long events;
    private boolean issuing = true;
    private boolean stopped;
    private int downDuringFaults = -1; // a node kept down from the start until the heal (a scenario), or -1

    public SimWorld(RunParameters parameters, ReplicaFactory factory, Trace trace) {
        this.parameters = parameters;
        this.factory = factory;
        this.trace = trace;
        RandomSource root = new SplitMixRandom(parameters.seed());
        root.fork(); // the parameters' stream (RunParameters.draw)
        RandomSource networkRandom = root.fork();
        RandomSource nemesisRandom = root.fork();
        RandomSource clientRandom = root.fork();
        this.worldRandom = root.fork();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < parameters.nodes(); i++) {
            NodeId id = NodeId.of("n" + (i + 1));
            nodeIds.add(id);
            members.add(new Member(id, "10.0.0." + (i + 1) + ":7401"));
        }
        this.config = parameters.replicaConfig();
        this.topology = Topology.initial(new Membership(members, parameters.partitions()), config.replicationFactor());
        this.network = new SimNetwork(nodeIds, parameters.clientCount(), parameters.links(), networkRandom,
                new Codec(), trace, this);
        this.nodes = new SimNode[parameters.nodes()];
        for (int i = 0; i < nodes.length; i++) {
            RandomSource nodeRandom = root.fork();
            long offset = parameters.clockOffsetMaxMillis() == 0 ? 0
                    : (long) Draw.between(nodeRandom, -parameters.clockOffsetMaxMillis(), parameters.clockOffsetMaxMillis());
            double drift = Draw.between(nodeRandom, -parameters.clockDriftMax(), parameters.clockDriftMax());
            SimClock clock = new SimClock(this::nowMicros, offset, drift);
            SimStorage storage = new SimStorage(parameters.faults().powerLossModel(), new StorageWatch(i));
            nodes[i] = new SimNode(i, nodeIds.get(i), storage, clock, network.outboxOf(i), nodeRandom,
                    clock.tickPeriodMicros(parameters.tickMicros()));
        }
        this.clients = new WorkloadClient[parameters.clientCount()];
        int plain = parameters.workload().clients();
        for (int c = 0; c < plain; c++) clients[c] = new SimClient(c, clientRandom.fork(), parameters.workload(), this);
        int crdtEnd = plain + parameters.crdt().clients();
        for (int c = plain; c < crdtEnd; c++) clients[c] = new CrdtClient(c, clientRandom.fork(), parameters.crdt(), this, (c - plain) % 2 == 0);
        for (int c = crdtEnd; c < clients.length; c++) clients[c] = new TtlClient(c, clientRandom.fork(), parameters.ttl(), this);
        for (SimNode node : nodes) history.recordClock(node.id, node.clock::wallMillisAt);
        this.nemesis = new Nemesis(this, parameters.faults(), nemesisRandom);
    }

    /**
     * Keeps node {@code index} down from the start of the run until the heal (a scenario: the
     * nemesis's own crashes never restart it); call before {@link #run}.
     */
    public SimWorld downDuringFaults(int index) {
        if (index < 0 || index >= nodes.length) throw new IllegalArgumentException("no node " + index + " among " + nodes.length);
        downDuringFaults = index;
        return this;
    }

    /** Runs to the end and judges the run. */
    public RunResult run() {
        for (SimNode node : nodes) start(node);
        if (downDuringFaults >= 0) crash(downDuringFaults, false);
        for (WorkloadClient client : clients) client.start();
        nemesis.start();
        if (parameters.faults().powerLossModel()) {
            for (SimNode node : nodes) scheduleSync(node);
        }
        long healAt = parameters.safetySeconds() * 1_000_000L;
        long convergenceDeadline = healAt + parameters.convergenceBoundMicros();
        history.markConvergenceDeadline(convergenceDeadline);
        schedule(healAt, () -> {
            heal();
            awaitConvergence(convergenceDeadline, converged -> {
                if (converged) history.markConverged(now);
                fault(converged ? "converged by anti-entropy" : "convergence deadline passed");
                openLivenessWindow();
            });
        });
        while (!stopped) {
            Event event = queue.poll();
            if (event == null) break;
            now = event.atMicros;
            if (++events > EVENTS_MAX) {
                history.anomaly("the run used up its budget of " + EVENTS_MAX + " events at virtual time " + now
                        + " (a livelock, or a message storm)");
                break;
            }
            event.action.run();
        }
        return judge();
    }

    private RunResult judge() {
        FinalState state = finalState();
        int ok = 0, failed = 0, indeterminate = 0, crdt = 0, retried = 0, durableAcked = 0, sloppyAcked = 0;
        for (Op op : history.ops()) {
            if (!op.type().isPlain()) crdt++;
            if (op.completion() != null && op.completion().attempts() > 1) retried++;
            if (op.isOk() && history.isDurable(op.id())) durableAcked++;
            if (op.isOk() && history.isSloppy(op.id())) sloppyAcked++;
            switch (op.outcome()) {
                case OK -> ok++;
                case FAIL -> failed++;
                case INDETERMINATE -> indeterminate++;
            }
        }
        return new RunResult(parameters, Checkers.checkAll(history, state), events, now,
                network.stats().sent(), network.stats().dropped(), network.stats().duplicated(), ok, failed, indeterminate, crdt, retried,
                nemesis.partitions, nemesis.crashes, nemesis.powerLosses, nemesis.clogs, durableAcked,
                history.convergedMicros() == History.UNSET ? History.UNSET : history.convergedMicros() - history.healedMicros(),
                io.chorus.simulation.check.SessionChecker.sessionReads(history), sloppyAcked);
    }

    // ---- phases ----------------------------------------------------------------------------------

    private void heal() {
        nemesis.stop();
        network.healAll();
        boolean blackout = parameters.faults().powerLossModel();
        for (SimNode node : nodes) {
            if (blackout) {
                // The power-loss mode ends its faults with every machine losing power at once: only what
                // was synced survives anywhere, so an acknowledged durable write is tested for real.
                if (node.isUp()) crash(node.index, true); else node.storage.losePower();
            } else if (node.isUp()) {
                stop(node, "stop " + node.id); // a fresh process on every node, rebuilt from its storage; a clean stop keeps the epoch
            }
            restart(node.index);
        }
        issuing = false;
        history.markHealed(now);
        fault("heal: all links up, loss and duplicates off, every node " + (blackout ? "lost power and " : "") + "restarted, clients paused");
    }

    /** Once the failure detectors have had time to see every node up, clients run a window in which every op must succeed. */
    private void openLivenessWindow() {
        long from = Math.max(now, history.healedMicros() + 2L * config.failureSuspectTicks() * parameters.tickMicros());
        long until = from + LIVENESS_WINDOW_MICROS;
        history.markLivenessWindow(from, until);
        schedule(from, () -> {
            issuing = true;
            for (WorkloadClient client : clients) client.start();
            fault("liveness window: clients resume until " + until);
        });
        schedule(until, () -> {
            issuing = false;
            long deadline = now + parameters.convergenceBoundMicros();
            history.markSettleDeadline(deadline);
            fault("clients stop; replicas must settle by " + deadline);
            awaitConvergence(deadline, settled -> {
                if (settled) history.markSettled(now);
                fault(settled ? "settled" : "settle deadline passed");
                stopped = true;
            });
        });
    }

    /** Polls until no client has an op in flight and the replicas agree, or the deadline; then tells {@code then} which. */
    private void awaitConvergence(long deadline, Consumer<Boolean> then) {
        if (idleClients() && converged()) {
            then.accept(true);
        } else if (now >= deadline) {
            then.accept(false);
        } else {
            schedule(now + CONVERGENCE_POLL_MICROS, () -> awaitConvergence(deadline, then));
        }
    }

    private boolean idleClients() {
        for (WorkloadClient client : clients) {
            if (!client.idle()) return false;
        }
        return true;
    }

    /** Every replica of every stored key holds the same state: the convergence checker, on the state now. */
    private boolean converged() {
        return new ConvergenceChecker().check(history, finalState()).isEmpty();
    }

    private FinalState finalState() {
        TreeMap<NodeId, TreeMap<Key, KeyState>> storage = new TreeMap<>();
        for (SimNode node : nodes) storage.put(node.id, node.storage.snapshot());
        return new FinalState(storage, topology.ring(), parameters.replicationFactor());
    }

    // ---- nodes -----------------------------------------------------------------------------------

    private void start(SimNode node) {
        node.incarnation++;
        node.replica = factory.create(node.id, node.actorEpoch, topology, config, node.storage, node.random.fork(), node.clock);
        int incarnation = node.incarnation;
        scheduleTick(node, incarnation, now + 1 + worldRandom.nextInt((int) node.tickPeriodMicros));
    }

    private void scheduleTick(SimNode node, int incarnation, long at) {
        schedule(at, () -> {
            if (node.incarnation != incarnation || !node.isUp()) return;
            call(node, Input.Tick.INSTANCE);
            scheduleTick(node, incarnation, now + node.tickPeriodMicros);
        });
    }

    private void scheduleSync(SimNode node) {
        schedule(now + parameters.faults().syncIntervalMicros(), () -> {
            node.storage.sync();
            scheduleSync(node);
        });
    }

    /**
     * The node's process dies (and, on a power loss, its unsynced writes with it). Like a production
     * node after any unclean stop, its next process mints in a new epoch: it cannot tell whether its
     * storage lost the dots it minted last.
     */
    void crash(int index, boolean powerLoss) {
        SimNode node = nodes[index];
        node.actorEpoch = ActorEpochs.atStart(node.actorEpoch, false);
        int lost = powerLoss ? node.storage.losePower() : 0;
        stop(node, (powerLoss ? "power loss " : "crash ") + node.id + (powerLoss ? " (" + lost + " unsynced keys lost)" : ""));
    }

    /** The node's process ends; its storage stays. */
    private void stop(SimNode node, String description) {
        node.replica = null;
        node.incarnation++;
        fault(description);
        network.nodeCrashed(node.index);
    }

    void restart(int index) {
        SimNode node = nodes[index];
        if (node.isUp()) return;
        start(node);
        fault("restart " + node.id + (node.actorEpoch == 0 ? "" : " minting as " + node.id.actor(node.actorEpoch)));
    }

    int downCount() {
        int down = 0;
        for (SimNode node : nodes) {
            if (!node.isUp()) down++;
        }
        return down;
    }

    int randomUpNode(RandomSource random) {
        List<Integer> up = new ArrayList<>();
        for (SimNode node : nodes) {
            if (node.isUp()) up.add(node.index);
        }
        return up.get(random.nextInt(up.size()));
    }

    int nodeCount() {
        return nodes.length;
    }

    NodeId nodeId(int index) {
        return nodeIds.get(index);
    }

    SimNetwork network() {
        return network;
    }

    void fault(String description) {
        if (trace.on()) trace.line(now, "# " + description);
    }

    /**
     * Steps a replica, then carries out its Readies at once: writes to its storage (a durable write
     * synced, as the node's write-ahead log fsyncs it), messages to the network. An exception or
     * failed assertion there ends the run as a failure.
     */
    private void call(SimNode node, Input what) {
        try {
            node.replica.step(what);
            ReadyLoop.drain(node.replica, write -> node.storage.put(write.key(), write.state(), write.durable()), node.outbox);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            StackTraceElement[] stack = e.getStackTrace();
            history.anomaly(node.id + " threw " + e + " while handling " + what + " at virtual time " + now
                    + (stack.length > 0 ? " (" + stack[0] + ")" : ""));
            stopped = true;
        }
    }

    /**
     * What the simulator learns from one node's storage: which dot each written value was minted
     * with, which dots the node mints, and what a power loss makes it forget.
     */
    private final class StorageWatch implements SimStorage.Observer {
        private final int index;

        StorageWatch(int index) {
            this.index = index;
        }

        /**
         * Only versions new to this storage need a look: a version whose dot the old state had seen
         * was recorded then (a merge never brings back a version whose dot is already in the
         * context). A dot of the actor the node mints as that is new to its storage was minted just
         * now: the node never forgets its own actor's dots while that actor lasts (it takes a new one
         * after every crash), so it cannot receive them back as news.
         */
        @Override
        public void stored(Key key, KeyState before, KeyState after) {
            for (Sibling sibling : after.siblings()) {
                if (sibling.isTombstone() || before != null && before.context().contains(sibling.dot())) continue;
                history.minted(new String(sibling.value(), StandardCharsets.UTF_8), sibling.dot());
            }
            SimNode node = nodes[index];
            if (node.replica == null) return;
            String actor = node.replica.actor();
            for (long counter = highestDotOf(before, actor) + 1; counter <= highestDotOf(after, actor); counter++) {
                history.mintedBy(key, new Dot(actor, counter), node.id, now);
            }
        }

        @Override
        public void lost(Key key, KeyState durable, KeyState lost) {
            history.rolledBack(new History.Rollback(nodes[index].id, now, key, durable == null ? KeyState.empty() : durable, lost));
        }
    }

    /** The highest counter of {@code actor} that {@code state} has seen, in its versions or its CRDT value; 0 if none. */
    private static long highestDotOf(KeyState state, String actor) {
        if (state == null) return 0;
        long highest = state.context().get(actor);
        if (state.crdt() != null) {
            CausalContext crdtContext = state.crdt().context();
            highest = Math.max(highest, crdtContext.compact().get(actor));
            Dot last = crdtContext.cloud().floor(new Dot(actor, Long.MAX_VALUE));
            if (last != null && last.actor().equals(actor)) highest = Math.max(highest, last.counter());
        }
        return highest;
    }

    // ---- SimNetwork.World and SimClient.World ----------------------------------------------------

    @Override
    public long nowMicros() {
        return now;
    }

    @Override
    public void schedule(long atMicros, Runnable action) {
        assert atMicros >= now : "event scheduled in the past: " + atMicros + " < " + now;
        queue.add(new Event(atMicros, sequence++, action));
    }

    @Override
    public boolean isUp(int node) {
        return nodes[node].isUp();
    }

    @Override
    public void deliverPeer(int to, NodeId from, PeerMessage message) {
        SimNode node = nodes[to];
        call(node, new Input.FromPeer(from, message));
    }

    @Override
    public void deliverClientRequest(int node, int client, ClientFrame frame) {
        call(nodes[node], new Input.Client(new ClientRef(client), frame.requestId(), frame.request()));
    }

    @Override
    public void deliverClientReply(int client, ClientReply reply) {
        clients[client].onReply(reply);
    }

    @Override
    public void refused(int client, long requestId, NodeId node) {
        clients[client].onRefused(requestId, node);
    }

    @Override
    public void peerUnreachable(int node, NodeId peer) {
        call(nodes[node], new Input.PeerUnreachable(peer));
    }

    @Override
    public void undecodable(String link, CodecException e) {
        history.anomaly("the codec could not decode a message it encoded, on " + link + " at virtual time " + now + ": " + e.getMessage());
        stopped = true;
    }

    @Override
    public void send(int client, int node, ClientFrame frame) {
        network.sendFromClient(client, node, frame);
    }

    @Override
    public boolean issuing() {
        return issuing;
    }

    @Override
    public boolean reading() {
        return !parameters.options().noClientReads() || history.healedMicros() != History.UNSET;
    }

    @Override
    public History history() {
        return history;
    }

    @Override
    public List<NodeId> nodes() {
        return nodeIds;
    }
}
