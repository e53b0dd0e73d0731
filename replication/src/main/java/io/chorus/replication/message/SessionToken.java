package io.chorus.replication.message;

import io.chorus.replication.Invariants;
import io.chorus.replication.ring.NodeId;

import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a session has seen, as proofs a read can check, in a size set by the cluster's shape, not
 * by the keys it touched. For each partition the session touched, a few <em>proof sets</em> of
 * nodes: "any one of these nodes, answering in the epoch the token names for it, holds at least
 * what one of the session's operations wrote or saw in this partition". A replica's state of a key
 * only grows within an epoch (merges are joins; a node takes a new epoch after any unclean stop,
 * when it may have lost writes), so a read of a key in the partition is new enough when, for every
 * proof set, one member answered in its epoch; it then returns the join of what it heard, which
 * includes every operation's view. A write adds the set of replicas that acknowledged it (its
 * minter and the primaries that stored it before the answer); a read adds the replicas whose
 * reply was the whole answer (any of them), or, when no single reply was, each replica that
 * answered as a set of its own.
 *
 * <p>A set implied by another (a superset: hitting the smaller one hits it) is dropped, so a
 * partition keeps an antichain of sets of its replicas (at most 3 for N = 3), never one per key or
 * operation. When a node's epoch changes it is taken out of every set (it cannot prove what it held
 * before); a set left empty makes its partition {@link #unprovable} (reads of it fail with
 * {@code SessionUnsatisfied}, honestly, until the application starts a new session).
 *
 * <p>Size: {@code 10 + nodes × (name + 11) + groups × (2 + sets × (1 + members) + ⌈partitions/8⌉)
 * + ⌈partitions/8⌉} bytes at most, where a group is the partitions sharing one antichain (few: the
 * antichains of sets of a partition's replicas); 76 bytes for 3 nodes of 256 partitions written at QUORUM
 * whatever the keys touched (SessionTokenTest). Immutable. Nothing in it is trusted:
 * {@link #decode} bounds every length before allocating. Tokens of format 1 ({@code cs1.}: every
 * named node required) are still read, as sets of one node each.
 */
public final class SessionToken {
    private static final String EXPORT_PREFIX = "cs2.";
    private static final String EXPORT_PREFIX_1 = "cs1.";
    /** Bounds on what a decoded token may claim, before anything is allocated. */
    public static final int PARTITIONS_MAX = 1 << 16;
    public static final int NODES_MAX = 1024;
    /** Proof sets per partition; past it two sets are replaced by their intersection (a stronger demand). */
    public static final int SETS_MAX = 16;

    final int partitions;
    final TreeMap<NodeId, Long> epochs;                // the epoch in which each named node proves its sets
    // antichain of sorted sets (sorted) -> the partitions it holds for (disjoint, non-empty): one encoding per
    // token, and a request's work is proportional to the few distinct antichains, not to the partitions
    final TreeMap<List<List<NodeId>>, BitSet> groups;
    final BitSet unprovable;

    SessionToken(int partitions, TreeMap<NodeId, Long> epochs, TreeMap<List<List<NodeId>>, BitSet> groups, BitSet unprovable) {
        checkShape(partitions, epochs, groups, unprovable);
        this.partitions = partitions;
        this.epochs = epochs;
        this.groups = groups;
        this.unprovable = unprovable;
    }

    /**
     * What reads and the size bound rely on: every partition in at most one group and none of them
     * unprovable too, within the partition count (the bitmaps' size); every antichain 1..SETS_MAX
     * non-empty sets of nodes the node table holds, none implied by another.
     */
    private static void checkShape(int partitions, Map<NodeId, Long> epochs, Map<List<List<NodeId>>, BitSet> groups, BitSet unprovable) {
        if (unprovable.length() > partitions) throw Invariants.violated("session token of %s partitions marks partition %s unprovable", partitions, unprovable.length() - 1);
        BitSet seen = new BitSet();
        for (Map.Entry<List<List<NodeId>>, BitSet> group : groups.entrySet()) {
            BitSet members = group.getValue();
            if (members.isEmpty() || members.length() > partitions || members.intersects(seen) || members.intersects(unprovable)) {
                throw Invariants.violated("session token group %s holds for %s: empty, past %s partitions, or overlapping %s / unprovable %s",
                        group.getKey(), members, partitions, seen, unprovable);
            }
            seen.or(members);
            List<List<NodeId>> sets = group.getKey();
            if (sets.isEmpty() || sets.size() > SETS_MAX) throw Invariants.violated("session token antichain of %s sets: %s", sets.size(), sets);
            for (List<NodeId> set : sets) {
                if (set.isEmpty() || !epochs.keySet().containsAll(set)) throw Invariants.violated("session token set %s (node table %s)", set, epochs);
                for (List<NodeId> other : sets) {
                    if (other != set && set.containsAll(other)) throw Invariants.violated("session token set %s is implied by %s", set, other);
                }
            }
        }
    }

    /** A session that has seen nothing yet, in a cluster of {@code partitions} partitions. */
    public static SessionToken empty(int partitions) {
        if (partitions < 1 || partitions > PARTITIONS_MAX) {
            throw new IllegalArgumentException("a session token covers 1.." + PARTITIONS_MAX + " partitions, not " + partitions);
        }
        return new SessionToken(partitions, new TreeMap<>(), new TreeMap<>(SessionTokenBuilder::compareAntichains), new BitSet());
    }

    public int partitions() {
        return partitions;
    }

    /** The nodes the token names, with the epoch in which each proves its sets. */
    public Map<NodeId, Long> nodes() {
        return Collections.unmodifiableMap(epochs);
    }

    /** Partitions no node can prove any more (every member of one of their sets took a new epoch). */
    public boolean unprovable(int partition) {
        return unprovable.get(partition);
    }

    /**
     * The proof sets of {@code partition}: a read of a key there must hear, for each, from one of
     * its nodes in the epoch given (node -> epoch).
     */
    public List<Map<NodeId, Long>> proofsFor(int partition) {
        List<Map<NodeId, Long>> sets = new ArrayList<>();
        for (List<NodeId> set : antichainOf(partition)) {
            Map<NodeId, Long> withEpochs = new LinkedHashMap<>();
            for (NodeId node : set) withEpochs.put(node, epochs.get(node));
            sets.add(withEpochs);
        }
        return sets;
    }

    /** The partition's antichain; empty when the session touched nothing there. */
    private List<List<NodeId>> antichainOf(int partition) {
        for (Map.Entry<List<List<NodeId>>, BitSet> group : groups.entrySet()) {
            if (group.getValue().get(partition)) return group.getKey();
        }
        return List.of();
    }

    /** This token plus: the session saw {@code node}'s state (in {@code epoch}) of {@code partition}. */
    public SessionToken with(NodeId node, long epoch, int partition) {
        return withAnyOf(Map.of(node, epoch), partition);
    }

    /**
     * This token plus: each of {@code anyOf}'s nodes (in the epoch given) holds what one operation of
     * the session wrote or saw in {@code partition}, so any one of them proves it.
     */
    public SessionToken withAnyOf(Map<NodeId, Long> anyOf, int partition) {
        if (partition < 0 || partition >= partitions) throw new IllegalArgumentException("partition " + partition + " outside 0.." + (partitions - 1));
        if (anyOf.isEmpty()) throw new IllegalArgumentException("a proof set names at least one node");
        SessionTokenBuilder builder = new SessionTokenBuilder(this);
        builder.adoptEpochs(anyOf);
        builder.addSet(partition, anyOf);
        return builder.build();
    }

    /**
     * What both sessions saw (the client merges the tokens of concurrent calls). Commutative,
     * associative, idempotent. Tokens of clusters with different partition counts do not merge.
     */
    public SessionToken merge(SessionToken other) {
        if (other.partitions != partitions) {
            throw new IllegalArgumentException("session tokens of " + partitions + " and " + other.partitions + " partitions do not merge");
        }
        SessionTokenBuilder builder = new SessionTokenBuilder(this);
        builder.adoptEpochs(other.epochs);
        builder.unprovable.or(other.unprovable);
        other.groups.forEach((sets, members) -> {
            for (int partition = members.nextSetBit(0); partition >= 0; partition = members.nextSetBit(partition + 1)) {
                for (List<NodeId> set : sets) {
                    Map<NodeId, Long> withEpochs = new TreeMap<>();
                    for (NodeId node : set) withEpochs.put(node, other.epochs.get(node));
                    builder.addSet(partition, withEpochs);
                }
            }
        });
        return builder.build();
    }

    // ---- bytes and text (SessionTokenWire) -------------------------------------------------------

    public byte[] encode() {
        return SessionTokenWire.encode(this);
    }

    /** Decodes a token; any malformation or claim over the bounds is an IllegalArgumentException saying what. */
    public static SessionToken decode(byte[] bytes) {
        return SessionTokenWire.decode(bytes);
    }

    /** The compact text form, for a token to cross processes: {@code cs2.} and URL-safe base64. */
    public String export() {
        return EXPORT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(encode());
    }

    /** Reads an exported token ({@code cs2.}, or the older {@code cs1.}). */
    public static SessionToken parse(String text) {
        String trimmed = text.strip();
        String prefix = trimmed.startsWith(EXPORT_PREFIX) ? EXPORT_PREFIX : trimmed.startsWith(EXPORT_PREFIX_1) ? EXPORT_PREFIX_1 : null;
        if (prefix == null) throw new IllegalArgumentException("not a session token (it starts with " + EXPORT_PREFIX + ")");
        try {
            return decode(Base64.getUrlDecoder().decode(trimmed.substring(prefix.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a session token: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionToken t && t.partitions == partitions && t.epochs.equals(epochs) && t.groups.equals(groups)
                && t.unprovable.equals(unprovable);
    }

    @Override
    public int hashCode() {
        return (epochs.hashCode() * 31 + groups.hashCode()) * 31 + partitions;
    }

    @Override
    public String toString() {
        return "SessionToken" + epochs + " " + groups + (unprovable.isEmpty() ? "" : " unprovable " + unprovable);
    }
}
