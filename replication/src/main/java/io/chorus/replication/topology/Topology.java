package io.chorus.replication.topology;

import io.chorus.replication.Invariants;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.replication.state.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One version of the cluster's shape: its members, the ring that places partitions on them, and N.
 * Immutable; a node swaps in a newer one when it arrives as an input ({@code TopologyChanged}), and
 * requests already in flight keep the replicas they started with. The node, the simulator and the
 * client's view all derive placement from this one object. Preference lists are computed once per
 * version, not per request.
 */
public final class Topology {
    private final long epoch;
    private final Membership membership;
    private final Ring ring;
    private final int replicationFactorWanted;
    private final int replicationFactor;
    private final List<NodeId>[] primariesByPartition;

    private Topology(long epoch, Membership membership, Ring ring, int replicationFactorWanted) {
        Invariants.check(epoch >= 0, "topology epoch %s is negative", epoch);
        Invariants.check(ring.partitions() == membership.partitions(), "ring has %s partitions, membership %s",
                ring.partitions(), membership.partitions());
        this.epoch = epoch;
        this.membership = membership;
        this.ring = ring;
        this.replicationFactorWanted = replicationFactorWanted;
        this.replicationFactor = Math.min(replicationFactorWanted, ring.members().size());
        this.primariesByPartition = primaries(ring, replicationFactor);
    }

    /** The first version of a cluster: the ring dealt over {@code membership}, N capped at the member count. */
    public static Topology initial(Membership membership, int replicationFactor) {
        return new Topology(1, membership, membership.ring(), replicationFactor);
    }

    /**
     * The next version with {@code member} joined: it takes partitions only from others (so only keys
     * that move to it move), same partition count and N. No data moves yet: that is the membership
     * protocol's job; until then the new member's partitions are empty on it and fill by repair.
     */
    public Topology withMember(Member member) {
        if (membership.member(member.id()).isPresent()) throw new IllegalArgumentException(member.id() + " is already a member");
        List<Member> members = new ArrayList<>(membership.members());
        members.add(member);
        Membership next = new Membership(members, membership.partitions());
        return new Topology(epoch + 1, next, ring.withNode(member.id()), replicationFactorWanted);
    }

    /** The same shape under another N (tests, and a node whose config asks for fewer replicas). */
    public Topology withReplicationFactor(int n) {
        return new Topology(epoch, membership, ring, n);
    }

    public long epoch() {
        return epoch;
    }

    public Membership membership() {
        return membership;
    }

    public Ring ring() {
        return ring;
    }

    public int partitions() {
        return ring.partitions();
    }

    /** N in effect: the configured replication factor, capped at the member count. */
    public int replicationFactor() {
        return replicationFactor;
    }

    public boolean isMember(NodeId node) {
        return membership.member(node).isPresent();
    }

    public Optional<Member> member(NodeId node) {
        return membership.member(node);
    }

    /** Members in name order. */
    public List<NodeId> members() {
        return ring.members();
    }

    public int partitionOf(Key key) {
        return ring.partitionOf(key.bytesUnsafe());
    }

    /** The key's N primary replicas, in preference order. */
    public List<NodeId> replicasOf(Key key) {
        return primariesByPartition[partitionOf(key)];
    }

    public List<NodeId> replicasOf(int partition) {
        return primariesByPartition[partition];
    }

    /**
     * The key's preference list with fallbacks (riak_core's annotated list): the primaries that are
     * up, then for each primary that is down the next node clockwise past the primaries that is up
     * and not already listed, marked as a fallback standing in for it.
     */
    public List<PreferenceEntry> preferenceList(Key key, Predicate<NodeId> alive) {
        int partition = partitionOf(key);
        List<NodeId> primaries = primariesByPartition[partition];
        List<PreferenceEntry> entries = new ArrayList<>(primaries.size());
        List<NodeId> used = new ArrayList<>(primaries);
        List<NodeId> clockwise = ring.preferenceList(partition, ring.members().size()).primaries();
        int next = primaries.size();
        for (NodeId primary : primaries) {
            if (alive.test(primary)) {
                entries.add(new PreferenceEntry(primary, null));
                continue;
            }
            while (next < clockwise.size() && (used.contains(clockwise.get(next)) || !alive.test(clockwise.get(next)))) next++;
            if (next < clockwise.size()) {
                used.add(clockwise.get(next));
                entries.add(new PreferenceEntry(clockwise.get(next), primary));
            }
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static List<NodeId>[] primaries(Ring ring, int n) {
        List<NodeId>[] lists = new List[ring.partitions()];
        for (int p = 0; p < lists.length; p++) lists[p] = ring.preferenceList(p, n).primaries();
        return lists;
    }

    /** What a client is told of the cluster: members, their addresses, partitions and N. */
    public ClusterDescription describe() {
        List<Member> list = membership.members();
        return new ClusterDescription(list.stream().map(m -> m.id().name()).toArray(String[]::new),
                list.stream().map(Member::address).toArray(String[]::new), partitions(), replicationFactor);
    }

    @Override
    public String toString() {
        return "Topology#" + epoch + ring.members() + " N=" + replicationFactor + " partitions=" + ring.partitions();
    }
}
