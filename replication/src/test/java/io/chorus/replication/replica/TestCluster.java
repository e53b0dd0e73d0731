package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Topology;
import io.chorus.replication.topology.Member;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.MintWrite;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A few replicas wired to an in-test network: messages queue in FIFO order and are delivered on
 * demand, each one encoded and decoded by the real codec. Tests can stop nodes (messages to and from
 * them are dropped) or drop messages by rule. The simulator does this properly with faults and
 * virtual time; this is for small scripted scenarios.
 */
final class TestCluster {
    record InFlight(NodeId from, NodeId to, byte[] bytes) {
    }

    final Codec codec = new Codec();
    final Membership membership;
    Topology topology;
    final ReplicaConfig config;
    final Map<NodeId, InMemoryStorage> storages = new LinkedHashMap<>();
    final Map<NodeId, Replica> replicas = new LinkedHashMap<>();
    final Map<NodeId, CountingObserver> observers = new LinkedHashMap<>(); // kept across a restart: tests add up what a node reported
    final ArrayDeque<InFlight> network = new ArrayDeque<>();
    final Map<Long, ClientResponse> replies = new LinkedHashMap<>();
    final Set<NodeId> stopped = new HashSet<>();
    BiPredicate<NodeId, PeerMessage> dropRule = (to, m) -> false;

    /**
     * From now on (it sets {@link #dropRule}), a copy of every MintWrite {@code from} sends, which is
     * still delivered: a test delivers a copy again later, as a network's late duplicate.
     */
    List<InFlight> copyMintWritesFrom(NodeId from) {
        List<InFlight> copies = new ArrayList<>();
        dropRule = (to, m) -> {
            if (m instanceof MintWrite) copies.add(new InFlight(from, to, codec.encode(m)));
            return false;
        };
        return copies;
    }
    java.util.function.Predicate<PeerMessage> duplicateRule = m -> false;
    long wallMillis; // every node's wall clock, plus its offset (TTL tests move it; protocol timing never reads it)
    final Map<NodeId, Long> clockOffsetMillis = new LinkedHashMap<>();
    long delivered;
    int largestMessageBytes; // of every peer message sent, encoded
    private long nextRequestId = 1;

    TestCluster(int nodes, ReplicaConfig config, Set<InjectedBug> bugs) {
        this(nodes, 0, config, bugs);
    }

    /** @param partitions the ring's partition count, 0 for the default */
    TestCluster(int nodes, int partitions, ReplicaConfig config, Set<InjectedBug> bugs) {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) members.add(new Member(NodeId.of("n" + i), "127.0.0.1:" + (7400 + i)));
        this.membership = partitions == 0 ? Membership.of(members) : new Membership(members, partitions);
        this.topology = Topology.initial(membership, config.replicationFactor());
        this.config = config;
        for (Member m : members) {
            storages.put(m.id(), new InMemoryStorage());
            start(m.id(), bugs);
        }
    }

    TestCluster(int nodes) {
        this(nodes, ReplicaConfig.DEFAULTS, EnumSet.noneOf(InjectedBug.class));
    }

    void start(NodeId id, Set<InjectedBug> bugs) {
        start(id, 0, bugs);
    }

    /** Starts (or restarts) {@code id} minting in {@code actorEpoch}, on whatever storage it has now. */
    void start(NodeId id, long actorEpoch, Set<InjectedBug> bugs) {
        stopped.remove(id);
        replicas.put(id, new Replica(id, actorEpoch, topology, config, storages.get(id),
                new SplitMixRandom(id.hashCode()), () -> clockOf(id), observers.computeIfAbsent(id, n -> new CountingObserver()), bugs));
    }

    /** What {@code id}'s wall clock reads now. */
    long clockOf(NodeId id) {
        return wallMillis + clockOffsetMillis.getOrDefault(id, 0L);
    }

    private Outbox outboxOf(NodeId self) {
        return new Outbox() {
            @Override
            public void send(NodeId to, PeerMessage message) {
                if (stopped.contains(self) || dropRule.test(to, message)) return;
                byte[] encoded = codec.encode(message);
                largestMessageBytes = Math.max(largestMessageBytes, encoded.length);
                network.add(new InFlight(self, to, encoded));
                if (duplicateRule.test(message)) network.add(new InFlight(self, to, codec.encode(message)));
            }

            @Override
            public void reply(ClientRef client, long requestId, ClientResponse response) {
                ClientReply decoded = (ClientReply) codec.decode(codec.encode(new ClientReply(requestId, response)));
                ClientResponse previous = replies.put(decoded.requestId(), decoded.response());
                assert previous == null : "request " + requestId + " answered twice";
            }
        };
    }

    /** Sends a request to {@code coordinator} and returns its request id. */
    long request(NodeId coordinator, ClientRequest request) {
        long id = nextRequestId++;
        ClientFrame frame = (ClientFrame) codec.decode(codec.encode(new ClientFrame(id, request)));
        step(coordinator, new Input.Client(new ClientRef(1), frame.requestId(), frame.request()));
        return id;
    }

    /** Sends, delivers everything, returns the answer (null if none yet). */
    ClientResponse call(NodeId coordinator, ClientRequest request) {
        long id = request(coordinator, request);
        deliverAll();
        return replies.get(id);
    }

    void deliverAll() {
        int guard = 0;
        while (!network.isEmpty()) {
            InFlight m = network.poll();
            if (stopped.contains(m.to())) continue;
            delivered++;
            step(m.to(), new Input.FromPeer(m.from(), (PeerMessage) codec.decode(m.bytes())));
            if (++guard > 1_000_000) throw new AssertionError("message storm: the network never went quiet");
        }
    }

    void tick(int ticks) {
        for (int t = 0; t < ticks; t++) {
            for (Map.Entry<NodeId, Replica> e : replicas.entrySet()) {
                if (!stopped.contains(e.getKey())) step(e.getKey(), Input.Tick.INSTANCE);
            }
            deliverAll();
        }
    }

    /** A crash: the node stops, its in-memory state is dropped, its storage stays; peers learn it is down. */
    void stop(NodeId id) {
        stopped.add(id);
        for (Map.Entry<NodeId, Replica> e : replicas.entrySet()) {
            if (!e.getKey().equals(id)) step(e.getKey(), new Input.PeerUnreachable(id));
        }
    }

    /** One input to {@code node}, then its outputs: written to its storage, sent, advanced. */
    void step(NodeId node, Input input) {
        ReadyLoop.step(replicas.get(node), input, storages.get(node), outboxOf(node));
    }

    /** Starts a node that is not a member yet, on an empty storage, with the topology that has it. */
    void join(NodeId id, Topology withIt) {
        storages.put(id, new InMemoryStorage());
        replicas.put(id, new Replica(id, 0, withIt, config, storages.get(id), new SplitMixRandom(id.hashCode()), () -> clockOf(id),
                observers.computeIfAbsent(id, n -> new CountingObserver()), Set.of()));
    }

    /** A new topology version, given to every running node. */
    void changeTopology(Topology next) {
        topology = next;
        for (NodeId id : replicas.keySet()) {
            if (!stopped.contains(id)) step(id, new Input.TopologyChanged(next));
        }
    }

    NodeId node(int i) {
        return NodeId.of("n" + i);
    }
}
