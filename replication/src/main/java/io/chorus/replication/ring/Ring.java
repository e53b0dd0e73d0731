package io.chorus.replication.ring;

import io.chorus.replication.Invariants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consistent-hash ring of a fixed number of partitions (virtual nodes), each owned by one node.
 * A key's partition is the top bits of its hash; its preference list is the first N distinct owners
 * clockwise. The partition count never changes for a cluster's life, so adding a node only hands
 * partitions to the new node and no key moves between old nodes. Immutable; deterministic given the
 * same members, so every node computes the same ring.
 */
public final class Ring {
    /** Partitions per node at creation (SEMANTICS.md: 64 x nodes, rounded up to a power of two). */
    public static final int PARTITIONS_PER_NODE = 64;

    private final NodeId[] owners;
    private final int partitionBits;
    private final List<NodeId> members;

    private Ring(NodeId[] owners) {
        int count = owners.length;
        if (count < 1 || Integer.bitCount(count) != 1) throw new IllegalArgumentException("partition count must be a power of two, was " + count);
        this.owners = owners;
        this.partitionBits = Integer.numberOfTrailingZeros(count);
        this.members = List.copyOf(new TreeSet<>(Arrays.asList(owners)));
    }

    /** The default partition count for a cluster created with {@code nodeCount} nodes. */
    public static int defaultPartitions(int nodeCount) {
        int wanted = Math.max(1, nodeCount) * PARTITIONS_PER_NODE;
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    /**
     * The ring of a new cluster: partitions dealt round-robin over the members in name order, so
     * that any N consecutive partitions have N distinct owners when there are at least N members.
     */
    public static Ring create(List<NodeId> nodes, int partitions) {
        List<NodeId> sorted = new ArrayList<>(new TreeSet<>(nodes));
        if (sorted.isEmpty()) throw new IllegalArgumentException("a ring needs at least one node");
        if (partitions < sorted.size()) throw new IllegalArgumentException(partitions + " partitions cannot cover " + sorted.size() + " nodes");
        NodeId[] owners = new NodeId[partitions];
        for (int p = 0; p < partitions; p++) owners[p] = sorted.get(p % sorted.size());
        return new Ring(owners);
    }

    /**
     * This ring with {@code node} joined: it takes partitions one at a time from whichever node owns
     * the most (ties: the later partition), until it owns its fair share. Only the new node gains
     * partitions, so the only keys that move are keys that move to it.
     */
    public Ring withNode(NodeId node) {
        if (members.contains(node)) return this;
        NodeId[] next = owners.clone();
        int share = owners.length / (members.size() + 1);
        Map<NodeId, Integer> counts = ownership();
        for (int taken = 0; taken < share; taken++) {
            NodeId donor = counts.entrySet().stream()
                    .max(Map.Entry.<NodeId, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .orElseThrow().getKey();
            int partition = lastPartitionOf(next, donor);
            next[partition] = node;
            counts.merge(donor, -1, Integer::sum);
        }
        return new Ring(next);
    }

    /** Spreads what is taken over the ring by taking a donor's partitions from its far end first. */
    private static int lastPartitionOf(NodeId[] owners, NodeId donor) {
        for (int p = owners.length - 1; p >= 0; p--) {
            if (owners[p].equals(donor)) return p;
        }
        throw new IllegalStateException(donor + " owns no partition");
    }

    public int partitions() {
        return owners.length;
    }

    /** Members in name order. */
    public List<NodeId> members() {
        return members;
    }

    public NodeId owner(int partition) {
        return owners[partition];
    }

    public int partitionOf(byte[] key) {
        return partitionBits == 0 ? 0 : (int) (KeyHash.hash64(key) >>> (64 - partitionBits));
    }

    public PreferenceList preferenceList(byte[] key, int n) {
        return preferenceList(partitionOf(key), n);
    }

    /** The first {@code n} distinct owners clockwise from {@code partition} (fewer if the ring has fewer nodes). */
    public PreferenceList preferenceList(int partition, int n) {
        int wanted = Math.min(n, members.size());
        List<NodeId> replicas = new ArrayList<>(wanted);
        for (int i = 0; i < owners.length && replicas.size() < wanted; i++) {
            NodeId owner = owners[(partition + i) & (owners.length - 1)];
            if (!replicas.contains(owner)) replicas.add(owner);
        }
        // Every member owns a partition (members are the owners), so a full turn finds them all:
        // fewer replicas than min(n, members) would silently shrink every quorum of the partition.
        if (replicas.size() != wanted) throw Invariants.violated("partition %d has %d of %d replicas", partition, replicas.size(), wanted);
        return new PreferenceList(partition, replicas);
    }

    /** Partitions owned per node, in name order. */
    public TreeMap<NodeId, Integer> ownership() {
        TreeMap<NodeId, Integer> counts = new TreeMap<>();
        for (NodeId owner : owners) counts.merge(owner, 1, Integer::sum);
        return counts;
    }
}
