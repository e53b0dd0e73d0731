package io.chorus.replication.message;

import io.chorus.replication.Invariants;
import io.chorus.replication.ring.NodeId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
    private static final byte FORMAT = 2;
    private static final byte FORMAT_1 = 1;
    private static final String EXPORT_PREFIX = "cs2.";
    private static final String EXPORT_PREFIX_1 = "cs1.";
    /** Bounds on what a decoded token may claim, before anything is allocated. */
    public static final int PARTITIONS_MAX = 1 << 16;
    public static final int NODES_MAX = 1024;
    /** Proof sets per partition; past it two sets are replaced by their intersection (a stronger demand). */
    public static final int SETS_MAX = 16;
    private static final byte PARTITION_LIST = 0, PARTITION_BITMAP = 1;
    /** Set memberships a decoded token may expand to (partitions x members of their sets): a few bytes must not claim gigabytes. */
    public static final int MEMBERSHIPS_MAX = 1 << 20;

    private static final Comparator<List<NodeId>> SET_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    private final int partitions;
    private final TreeMap<NodeId, Long> epochs;                // the epoch in which each named node proves its sets
    // antichain of sorted sets (sorted) -> the partitions it holds for (disjoint, non-empty): one encoding per
    // token, and a request's work is proportional to the few distinct antichains, not to the partitions
    private final TreeMap<List<List<NodeId>>, BitSet> groups;
    private final BitSet unprovable;

    private SessionToken(int partitions, TreeMap<NodeId, Long> epochs, TreeMap<List<List<NodeId>>, BitSet> groups, BitSet unprovable) {
        this.partitions = partitions;
        this.epochs = epochs;
        this.groups = groups;
        this.unprovable = unprovable;
    }

    /** A session that has seen nothing yet, in a cluster of {@code partitions} partitions. */
    public static SessionToken empty(int partitions) {
        if (partitions < 1 || partitions > PARTITIONS_MAX) {
            throw new IllegalArgumentException("a session token covers 1.." + PARTITIONS_MAX + " partitions, not " + partitions);
        }
        return new SessionToken(partitions, new TreeMap<>(), new TreeMap<>(SessionToken::compareAntichains), new BitSet());
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
        Builder builder = new Builder(this);
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
        Builder builder = new Builder(this);
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

    /**
     * Builds a new token from an old one; never changes the old one (tokens are shared between
     * threads). Copy on write: the groups' partition bitmaps are cloned only when this build changes
     * them, and only the partitions it adds sets to are normalized again, so a request's decode, one
     * more set and encode cost little whatever the partitions touched (137 us per request for 256
     * partitions when every partition was copied and normalized, about 5 us now).
     */
    private static final class Builder {
        final int partitions;
        final TreeMap<NodeId, Long> epochs;
        final TreeMap<List<List<NodeId>>, BitSet> groups;
        final Set<BitSet> owned = Collections.newSetFromMap(new IdentityHashMap<>()); // bitmaps cloned by this build
        final TreeMap<Integer, List<List<NodeId>>> touched = new TreeMap<>(); // partition -> its sets, being extended
        final BitSet unprovable;

        Builder(SessionToken from) {
            partitions = from.partitions;
            epochs = new TreeMap<>(from.epochs);
            groups = new TreeMap<>(from.groups);
            unprovable = (BitSet) from.unprovable.clone();
        }

        private BitSet writable(List<List<NodeId>> antichain) {
            BitSet bits = groups.get(antichain);
            if (bits == null) {
                bits = new BitSet();
                groups.put(antichain, bits);
                owned.add(bits);
            } else if (!owned.contains(bits)) {
                bits = (BitSet) bits.clone();
                groups.put(antichain, bits);
                owned.add(bits);
            }
            return bits;
        }

        /** Takes {@code partition} out of its group; returns its antichain (empty if it had none). */
        private List<List<NodeId>> takeOut(int partition) {
            for (Map.Entry<List<List<NodeId>>, BitSet> group : groups.entrySet()) {
                if (!group.getValue().get(partition)) continue;
                List<List<NodeId>> antichain = group.getKey();
                writable(antichain).clear(partition);
                return antichain;
            }
            return List.of();
        }

        /** Nodes seen in a newer epoch leave every set: what they held in the old one is not provable any more. */
        void adoptEpochs(Map<NodeId, Long> seen) {
            seen.forEach((node, epoch) -> {
                if (epoch < 0) throw new IllegalArgumentException("negative epoch " + epoch + " for " + node);
                Long known = epochs.get(node);
                if (known != null && known >= epoch) return;
                epochs.put(node, epoch);
                if (known == null) return;
                for (List<List<NodeId>> antichain : List.copyOf(groups.keySet())) {
                    boolean names = false;
                    for (List<NodeId> set : antichain) names |= set.contains(node);
                    if (!names) continue;
                    BitSet members = groups.remove(antichain);
                    List<List<NodeId>> without = new ArrayList<>();
                    boolean emptied = false;
                    for (List<NodeId> set : antichain) {
                        List<NodeId> rest = new ArrayList<>(set);
                        rest.remove(node);
                        emptied |= rest.isEmpty();
                        without.add(List.copyOf(rest));
                    }
                    List<List<NodeId>> narrowed = emptied ? null : antichain(without);
                    if (narrowed == null) unprovable.or(members);
                    else writable(narrowed).or(members);
                }
                for (List<List<NodeId>> sets : touched.values()) {
                    for (int i = 0; i < sets.size(); i++) {
                        List<NodeId> rest = new ArrayList<>(sets.get(i));
                        if (rest.remove(node)) sets.set(i, List.copyOf(rest));
                    }
                }
                touched.forEach((partition, sets) -> {
                    for (List<NodeId> set : sets) if (set.isEmpty()) unprovable.set(partition);
                });
            });
        }

        /** Adds a set (members named in their epochs; one named in an older epoch than the token's cannot prove it). */
        void addSet(int partition, Map<NodeId, Long> anyOf) {
            TreeSet<NodeId> members = new TreeSet<>();
            anyOf.forEach((node, epoch) -> {
                Long current = epochs.get(node);
                if (current != null && current.longValue() == epoch.longValue()) members.add(node);
            });
            if (members.isEmpty()) {
                unprovable.set(partition);
                return;
            }
            List<List<NodeId>> sets = touched.get(partition);
            if (sets == null) touched.put(partition, sets = new ArrayList<>(takeOut(partition)));
            sets.add(List.copyOf(members));
        }

        /** Puts a group's antichain, already normalized, for {@code partitions} (decoding). */
        void putNormalized(List<List<NodeId>> antichain, BitSet partitions) {
            writable(antichain).or(partitions);
        }

        SessionToken build() {
            touched.forEach((partition, sets) -> {
                List<List<NodeId>> antichain = unprovable.get(partition) ? null : antichain(sets);
                if (antichain == null) unprovable.set(partition);
                else if (!antichain.isEmpty()) writable(antichain).set(partition);
            });
            // an unprovable partition fails anyway: its sets would only cost bytes
            if (!unprovable.isEmpty()) {
                for (List<List<NodeId>> antichain : List.copyOf(groups.keySet())) {
                    if (groups.get(antichain).intersects(unprovable)) writable(antichain).andNot(unprovable);
                }
            }
            groups.values().removeIf(BitSet::isEmpty);
            // Every node keeps its epoch, named in a set or not: a token naming it in an older epoch merged
            // in later must not make it prove what it held then.
            return new SessionToken(partitions, epochs, groups, unprovable);
        }

        /**
         * Minimal sets only (a superset of another set adds nothing), at most SETS_MAX (past it, two
         * sets become their intersection: a member of it is in both, so the demand only grows), sorted;
         * null when no two sets share a node, so nothing narrower and sound is left (the partition
         * becomes unprovable).
         */
        private static List<List<NodeId>> antichain(List<List<NodeId>> sets) {
            List<List<NodeId>> kept = minimal(sets);
            while (kept.size() > SETS_MAX) {
                int bestA = -1, bestB = -1;
                List<NodeId> best = List.of();
                for (int a = 0; a < kept.size(); a++) {
                    for (int b = a + 1; b < kept.size(); b++) {
                        List<NodeId> both = new ArrayList<>(kept.get(a));
                        both.retainAll(kept.get(b));
                        if (both.size() > best.size()) {
                            best = both;
                            bestA = a;
                            bestB = b;
                        }
                    }
                }
                if (best.isEmpty()) return null;
                List<List<NodeId>> narrowed = new ArrayList<>(kept);
                narrowed.remove(bestB); // bestB > bestA: remove it first
                narrowed.remove(bestA);
                narrowed.add(List.copyOf(best));
                kept = minimal(narrowed);
            }
            kept.sort(SET_ORDER);
            return List.copyOf(kept);
        }

        private static List<List<NodeId>> minimal(List<List<NodeId>> sets) {
            List<List<NodeId>> bySize = new ArrayList<>(sets);
            bySize.sort(Comparator.<List<NodeId>>comparingInt(List::size).thenComparing(SET_ORDER));
            List<List<NodeId>> kept = new ArrayList<>();
            for (List<NodeId> set : bySize) {
                boolean implied = false;
                for (List<NodeId> smaller : kept) implied |= set.containsAll(smaller);
                if (!implied) kept.add(set);
            }
            return kept;
        }
    }

    // ---- bytes and text --------------------------------------------------------------------------

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        writeVarLong(out, partitions);
        writeVarLong(out, epochs.size());
        TreeMap<NodeId, Integer> index = new TreeMap<>();
        epochs.forEach((node, epoch) -> {
            index.put(node, index.size());
            byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
            writeVarLong(out, name.length);
            out.writeBytes(name);
            writeVarLong(out, epoch);
        });
        // partitions sharing one antichain are written once, with the partitions it holds for
        writeVarLong(out, groups.size());
        groups.forEach((sets, members) -> {
            writeVarLong(out, sets.size());
            for (List<NodeId> set : sets) {
                writeVarLong(out, set.size());
                for (NodeId node : set) writeVarLong(out, index.get(node));
            }
            writePartitions(out, members);
        });
        out.write(unprovable.isEmpty() ? 0 : 1);
        if (!unprovable.isEmpty()) out.writeBytes(bitmap(unprovable));
        return out.toByteArray();
    }

    /** A few partitions as a list of gaps, many as a bitmap: whichever is shorter. */
    private void writePartitions(ByteArrayOutputStream out, BitSet members) {
        int count = members.cardinality();
        if (count * 2 < bitmapBytes()) {
            out.write(PARTITION_LIST);
            writeVarLong(out, count);
            int previous = -1;
            for (int p = members.nextSetBit(0); p >= 0; p = members.nextSetBit(p + 1)) {
                writeVarLong(out, p - previous - 1);
                previous = p;
            }
        } else {
            out.write(PARTITION_BITMAP);
            out.writeBytes(bitmap(members));
        }
    }

    private static int compareAntichains(List<List<NodeId>> a, List<List<NodeId>> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = SET_ORDER.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A partition bitmap from the wire: the bytes its partition count needs, no bit past the last partition. */
    private static BitSet readBitmap(Reader in, int partitions) {
        BitSet bits = BitSet.valueOf(in.readBytes((partitions + 7) / 8));
        if (bits.length() > partitions) {
            throw new IllegalArgumentException("session token names partition " + (bits.length() - 1) + " of " + partitions);
        }
        return bits;
    }

    /** Decodes a token; any malformation or claim over the bounds is an IllegalArgumentException saying what. */
    public static SessionToken decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int format = in.readByte();
        if (format != FORMAT && format != FORMAT_1) {
            throw new IllegalArgumentException("session token has an unknown format " + format + " (expected " + FORMAT + ")");
        }
        int partitions = in.readBounded(PARTITIONS_MAX, "partitions");
        if (partitions < 1) throw new IllegalArgumentException("session token covers no partitions");
        int nodes = in.readBounded(NODES_MAX, "nodes");
        Builder token = new Builder(empty(partitions));
        List<NodeId> names = new ArrayList<>(Math.min(nodes, 64));
        List<BitSet> format1Partitions = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String name = new String(in.readBytes(in.readBounded(64, "node name bytes")), StandardCharsets.UTF_8);
            NodeId node = NodeId.of(name);
            long epoch = in.readVarLong();
            if (epoch < 0) throw new IllegalArgumentException("session token names a negative epoch for " + name);
            if (token.epochs.put(node, epoch) != null) throw new IllegalArgumentException("session token names " + name + " twice");
            names.add(node);
            if (format == FORMAT_1) format1Partitions.add(readBitmap(in, partitions));
        }
        if (format == FORMAT_1) { // every node named for a partition was required: a set of one each
            long memberships = 0;
            for (BitSet seen : format1Partitions) memberships += seen.cardinality();
            if (memberships > MEMBERSHIPS_MAX) {
                throw new IllegalArgumentException("session token claims over " + MEMBERSHIPS_MAX + " proof-set memberships (limit)");
            }
            for (int i = 0; i < names.size(); i++) {
                BitSet seen = format1Partitions.get(i);
                for (int p = seen.nextSetBit(0); p >= 0; p = seen.nextSetBit(p + 1)) token.addSet(p, Map.of(names.get(i), token.epochs.get(names.get(i))));
            }
        } else {
            readGroups(in, partitions, names, token);
        }
        int flag = in.readByte();
        if (flag == 1) token.unprovable.or(readBitmap(in, partitions));
        else if (flag != 0) throw new IllegalArgumentException("session token has a bad unprovable-partitions flag " + flag);
        if (!in.atEnd()) throw new IllegalArgumentException("session token has trailing bytes");
        return token.build();
    }

    private static void readGroups(Reader in, int partitions, List<NodeId> names, Builder token) {
        int groups = in.readBounded(partitions, "groups of partitions");
        BitSet assigned = new BitSet();
        long memberships = 0;
        for (int g = 0; g < groups; g++) {
            int setCount = in.readBounded(SETS_MAX, "proof sets");
            if (setCount < 1) throw new IllegalArgumentException("session token has a group with no proof set");
            List<List<NodeId>> sets = new ArrayList<>(setCount);
            for (int s = 0; s < setCount; s++) {
                int size = in.readBounded(names.size(), "members of a proof set");
                if (size < 1) throw new IllegalArgumentException("session token has an empty proof set");
                TreeSet<NodeId> set = new TreeSet<>();
                for (int m = 0; m < size; m++) {
                    NodeId node = names.get(in.readBounded(names.size() - 1, "node index"));
                    if (!set.add(node)) throw new IllegalArgumentException("session token names " + node + " twice in a proof set");
                }
                sets.add(List.copyOf(set));
            }
            BitSet members = readPartitions(in, partitions);
            if (members.intersects(assigned)) throw new IllegalArgumentException("session token gives a partition two groups");
            assigned.or(members);
            long perPartition = 0;
            for (List<NodeId> set : sets) perPartition += set.size();
            memberships += perPartition * members.cardinality();
            if (memberships > MEMBERSHIPS_MAX) {
                throw new IllegalArgumentException("session token claims over " + MEMBERSHIPS_MAX + " proof-set memberships (limit)");
            }
            List<List<NodeId>> antichain = Builder.antichain(sets); // once per group, shared by its partitions
            for (int p = members.nextSetBit(0); p >= 0; p = members.nextSetBit(p + 1)) {
                if (antichain == null) token.unprovable.set(p);
            }
            if (antichain != null) token.putNormalized(antichain, members);
        }
    }

    private static BitSet readPartitions(Reader in, int partitions) {
        int kind = in.readByte();
        if (kind == PARTITION_BITMAP) return readBitmap(in, partitions);
        if (kind != PARTITION_LIST) throw new IllegalArgumentException("session token has a bad partition encoding " + kind);
        int count = in.readBounded(partitions, "partitions in a group");
        BitSet members = new BitSet();
        long next = 0;
        for (int i = 0; i < count; i++) {
            next += in.readVarLong();
            if (next < 0 || next >= partitions) throw new IllegalArgumentException("session token names partition " + next + " of " + partitions);
            members.set((int) next);
            next++;
        }
        return members;
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

    private int bitmapBytes() {
        return (partitions + 7) / 8;
    }

    private byte[] bitmap(BitSet bits) {
        if (bits.length() > partitions) throw Invariants.violated("session token of %s partitions names partition %s", partitions, bits.length() - 1);
        byte[] b = new byte[bitmapBytes()];
        byte[] set = bits.toByteArray();
        System.arraycopy(set, 0, b, 0, Math.min(set.length, b.length));
        return b;
    }

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
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

    /** Bytes from the network: every read checks what is left first. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int readByte() {
            if (position >= bytes.length) throw new IllegalArgumentException("session token is truncated");
            return bytes[position++] & 0xFF;
        }

        long readVarLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
            throw new IllegalArgumentException("session token has a malformed number");
        }

        int readBounded(int max, String what) {
            long v = readVarLong();
            if (v < 0 || v > max) throw new IllegalArgumentException("session token claims " + v + " " + what + " (limit " + max + ")");
            return (int) v;
        }

        byte[] readBytes(int n) {
            if (bytes.length - position < n) throw new IllegalArgumentException("session token is truncated");
            byte[] b = java.util.Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return b;
        }

        boolean atEnd() {
            return position == bytes.length;
        }
    }
}
