package io.chorus.client;

import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import io.netty.channel.ChannelFuture;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the client knows of the cluster: the same {@link Ring} as the nodes (built from the
 * {@code DescribeCluster} answer) and a connection per node, or, when no node described the
 * cluster, just the seeds. Static for the client's life (closing the client closes its connections).
 * Immutable and thread-safe.
 */
final class ClusterView {
    private final Ring ring; // null: unknown, route to any node
    private final int replicationFactor;
    private final Map<NodeId, NodeConnection> byNode;
    private final List<NodeConnection> all;

    private ClusterView(Ring ring, int replicationFactor, Map<NodeId, NodeConnection> byNode, List<NodeConnection> all) {
        this.ring = ring;
        this.replicationFactor = replicationFactor;
        this.byNode = byNode;
        this.all = List.copyOf(all);
    }

    static ClusterView ofRing(Ring ring, int replicationFactor, Map<NodeId, NodeConnection> byNode) {
        assert byNode.keySet().containsAll(ring.members()) : "a ring member without a connection";
        List<NodeConnection> all = new ArrayList<>();
        for (NodeId member : ring.members()) all.add(byNode.get(member));
        return new ClusterView(ring, replicationFactor, new TreeMap<>(byNode), all);
    }

    /** No ring: every request goes to the first reachable of {@code nodes}, in order. */
    static ClusterView ofUnknownRing(List<NodeConnection> nodes) {
        return new ClusterView(null, 0, Map.of(), nodes);
    }

    boolean knowsRing() {
        return ring != null;
    }

    /** How many of {@link #candidates}' first entries are the key's replicas: 0 when the ring is unknown. */
    int replicaCount() {
        return ring == null ? 0 : Math.min(replicationFactor, all.size());
    }

    /** Every node's state now, in {@link #nodes()} order: a snapshot. */
    List<NodeState> states() {
        List<NodeState> states = new ArrayList<>(all.size());
        for (NodeConnection node : all) states.add(node.state());
        return List.copyOf(states);
    }

    /** Closes every connection, waiting up to a second for each close to finish. */
    void closeConnections() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (NodeConnection node : all) {
            ChannelFuture future = node.close();
            if (future != null) closing.add(future);
        }
        for (ChannelFuture future : closing) future.awaitUninterruptibly(1, TimeUnit.SECONDS);
    }

    /** Every node, in name order (seed order when the ring is unknown). */
    List<NodeConnection> nodes() {
        return all;
    }

    /**
     * The nodes to try for {@code key}, best first: its preference list in ring order, then every
     * other node (any node can coordinate a request, at the cost of one more hop).
     */
    List<NodeConnection> candidates(byte[] key) {
        if (ring == null) return all;
        List<NodeConnection> ordered = replicas(key, all.size()); // room for the other nodes too
        for (NodeConnection node : all) {
            if (!ordered.contains(node)) ordered.add(node);
        }
        assert ordered.size() == all.size() : "candidates lost a node";
        return ordered;
    }

    /**
     * The node at {@code address} as the only candidate: a request that must be coordinated by
     * that node and by no other.
     *
     * @throws IllegalArgumentException when no node of the cluster (no seed, when the ring is unknown) has that address
     */
    List<NodeConnection> only(InetSocketAddress address) {
        for (NodeConnection node : all) {
            if (node.address().equals(address)) return List.of(node);
        }
        List<String> known = new ArrayList<>();
        for (NodeConnection node : all) known.add(node.label());
        throw new IllegalArgumentException(Addresses.text(address) + " is not a node of the cluster (" + String.join(", ", known) + ")");
    }

    /** The client addresses of {@code key}'s replicas in preference-list order; empty when the ring is unknown. */
    List<InetSocketAddress> replicaAddresses(byte[] key) {
        if (ring == null) return List.of();
        List<InetSocketAddress> addresses = new ArrayList<>(replicationFactor);
        for (NodeConnection replica : replicas(key, replicationFactor)) addresses.add(replica.address());
        assert !addresses.isEmpty() : "a key with no replica";
        return List.copyOf(addresses);
    }

    /** The names of {@code key}'s primary replicas in preference-list order; empty when the ring is unknown. */
    List<String> replicaNames(byte[] key) {
        if (ring == null) return List.of();
        List<String> names = new ArrayList<>(replicationFactor);
        for (NodeId replica : ring.preferenceList(key, replicationFactor).primaries()) names.add(replica.name());
        return names;
    }

    /** The connections to {@code key}'s replicas, in preference-list order, in a list of {@code capacity}; the ring must be known. */
    private List<NodeConnection> replicas(byte[] key, int capacity) {
        List<NodeConnection> replicas = new ArrayList<>(capacity);
        for (NodeId replica : ring.preferenceList(key, replicationFactor).primaries()) replicas.add(byNode.get(replica));
        return replicas;
    }
}
