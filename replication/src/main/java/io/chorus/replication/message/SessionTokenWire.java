package io.chorus.replication.message;

import io.chorus.replication.Invariants;
import io.chorus.replication.ring.NodeId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link SessionToken}'s bytes, format 2 (and format 1, read only): format byte, partition
 * count, the node table (name, epoch), then each group once (its sets as indexes into the node
 * table, then its partitions as gaps or a bitmap, whichever is shorter), then the unprovable
 * partitions. Nothing in it is trusted: every length and count is bounded before anything is
 * allocated, and a malformation is an IllegalArgumentException saying what.
 */
final class SessionTokenWire {
    static final byte FORMAT = 2;
    static final byte FORMAT_1 = 1;
    private static final byte PARTITION_LIST = 0, PARTITION_BITMAP = 1;
    /** Set memberships a decoded token may claim (partitions x members of their sets): a few bytes must not claim gigabytes. */
    static final int MEMBERSHIPS_MAX = 1 << 20;

    private SessionTokenWire() {
    }

    static byte[] encode(SessionToken token) {
        int partitions = token.partitions;
        TreeMap<NodeId, Long> epochs = token.epochs;
        TreeMap<List<List<NodeId>>, BitSet> groups = token.groups;
        BitSet unprovable = token.unprovable;
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
            writePartitions(out, members, partitions);
        });
        out.write(unprovable.isEmpty() ? 0 : 1);
        if (!unprovable.isEmpty()) out.writeBytes(bitmap(unprovable, partitions));
        return out.toByteArray();
    }

    /** A few partitions as a list of gaps, many as a bitmap: whichever is shorter. */
    private static void writePartitions(ByteArrayOutputStream out, BitSet members, int partitions) {
        int count = members.cardinality();
        if (count * 2 < bitmapBytes(partitions)) {
            out.write(PARTITION_LIST);
            writeVarLong(out, count);
            int previous = -1;
            for (int p = members.nextSetBit(0); p >= 0; p = members.nextSetBit(p + 1)) {
                writeVarLong(out, p - previous - 1);
                previous = p;
            }
        } else {
            out.write(PARTITION_BITMAP);
            out.writeBytes(bitmap(members, partitions));
        }
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
    static SessionToken decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int format = in.readByte();
        if (format != FORMAT && format != FORMAT_1) {
            throw new IllegalArgumentException("session token has an unknown format " + format + " (expected " + FORMAT + ")");
        }
        int partitions = in.readBounded(SessionToken.PARTITIONS_MAX, "partitions");
        if (partitions < 1) throw new IllegalArgumentException("session token covers no partitions");
        int nodes = in.readBounded(SessionToken.NODES_MAX, "nodes");
        SessionTokenBuilder token = new SessionTokenBuilder(SessionToken.empty(partitions));
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

    private static void readGroups(Reader in, int partitions, List<NodeId> names, SessionTokenBuilder token) {
        int groups = in.readBounded(partitions, "groups of partitions");
        BitSet assigned = new BitSet();
        long memberships = 0;
        for (int g = 0; g < groups; g++) {
            int setCount = in.readBounded(SessionToken.SETS_MAX, "proof sets");
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
            List<List<NodeId>> antichain = SessionTokenBuilder.antichain(sets); // once per group, shared by its partitions
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

    private static int bitmapBytes(int partitions) {
        return (partitions + 7) / 8;
    }

    private static byte[] bitmap(BitSet bits, int partitions) {
        if (bits.length() > partitions) throw Invariants.violated("session token of %s partitions names partition %s", partitions, bits.length() - 1);
        byte[] b = new byte[bitmapBytes(partitions)];
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
