package io.chorus.replication.message;

import io.chorus.replication.Invariants;
import io.chorus.replication.ring.NodeId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a session has seen, in a size set by the cluster's shape, not by the keys it touched: for
 * each node, the actor epoch it was in and the set of partitions (a bitmap) in which the session
 * saw that node's state. A replica's state of a key only grows within an epoch (merges are joins;
 * a node takes a new epoch after any unclean stop, when it may have lost writes), so "the session
 * saw n2's state of partition 7 in epoch 3" is proved for any key of partition 7 by n2 answering
 * now, still in epoch 3. A read that carries the token therefore includes, besides its R replicas,
 * every node the token names for the key's partition, each in the epoch named, or it fails with
 * {@code SessionUnsatisfied}. Writes add their minter, reads the replicas whose states make up
 * what they returned.
 *
 * <p>When a node's epoch changes, its old entry can no longer be proved by anyone: its partitions
 * become {@link #unprovable} (reads of them fail with {@code SessionUnsatisfied}, honestly, until
 * the application starts a new session) and the node's entry restarts in the new epoch.
 *
 * <p>Size: {@code 2 + nodes × (name + 10 + ⌈partitions/8⌉) + ⌈partitions/8⌉} bytes at most, whatever
 * the number of keys: 88 bytes for 3 nodes of 64 partitions each (192), 118 characters exported.
 * Immutable. Nothing in it is trusted: {@link #decode} bounds every length before allocating.
 */
public final class SessionToken {
    private static final byte FORMAT = 1;
    private static final String EXPORT_PREFIX = "cs1.";
    /** Bounds on what a decoded token may claim, before anything is allocated. */
    public static final int PARTITIONS_MAX = 1 << 16;
    public static final int NODES_MAX = 1024;

    private final int partitions;
    private final TreeMap<NodeId, Seen> seen; // sorted: one encoding per token
    private final BitSet unprovable;

    /** One node's part: the epoch and the partitions in which the session depends on its state. */
    public record Seen(long epoch, BitSet partitions) {
    }

    private SessionToken(int partitions, TreeMap<NodeId, Seen> seen, BitSet unprovable) {
        // the token's size bound (nodes x partitions/8) rests on every bitmap staying within the partition count
        if (partitions <= 0 || unprovable.length() > partitions) {
            throw Invariants.violated("session token of %s partitions marks partition %s unprovable", partitions, unprovable.length() - 1);
        }
        for (Map.Entry<NodeId, Seen> entry : seen.entrySet()) {
            if (entry.getValue().partitions().length() > partitions) {
                throw Invariants.violated("session token of %s partitions names partition %s of %s", partitions,
                        entry.getValue().partitions().length() - 1, entry.getKey());
            }
        }
        this.partitions = partitions;
        this.seen = seen;
        this.unprovable = unprovable;
    }

    /** A session that has seen nothing yet, in a cluster of {@code partitions} partitions. */
    public static SessionToken empty(int partitions) {
        if (partitions < 1 || partitions > PARTITIONS_MAX) {
            throw new IllegalArgumentException("a session token covers 1.." + PARTITIONS_MAX + " partitions, not " + partitions);
        }
        return new SessionToken(partitions, new TreeMap<>(), new BitSet());
    }

    public int partitions() {
        return partitions;
    }

    public Map<NodeId, Seen> seen() {
        return Collections.unmodifiableMap(seen);
    }

    /** Partitions no node can prove any more (a node the session depended on took a new epoch). */
    public boolean unprovable(int partition) {
        return unprovable.get(partition);
    }

    /** The nodes (with their epochs) whose states of {@code partition} the session saw. */
    public Map<NodeId, Long> requiredFor(int partition) {
        TreeMap<NodeId, Long> required = new TreeMap<>();
        seen.forEach((node, s) -> {
            if (s.partitions().get(partition)) required.put(node, s.epoch());
        });
        return required;
    }

    /** This token plus: the session saw {@code node}'s state (in {@code epoch}) of {@code partition}. */
    public SessionToken with(NodeId node, long epoch, int partition) {
        if (partition < 0 || partition >= partitions) throw new IllegalArgumentException("partition " + partition + " outside 0.." + (partitions - 1));
        BitSet one = new BitSet();
        one.set(partition);
        TreeMap<NodeId, Seen> single = new TreeMap<>();
        single.put(node, new Seen(epoch, one));
        return merge(new SessionToken(partitions, single, new BitSet()));
    }

    /**
     * What both sessions saw (the client merges the tokens of concurrent calls). Commutative,
     * associative, idempotent. Tokens of clusters with different partition counts do not merge.
     */
    public SessionToken merge(SessionToken other) {
        if (other.partitions != partitions) {
            throw new IllegalArgumentException("session tokens of " + partitions + " and " + other.partitions + " partitions do not merge");
        }
        TreeMap<NodeId, Seen> merged = new TreeMap<>(seen);
        BitSet lost = (BitSet) unprovable.clone();
        lost.or(other.unprovable);
        other.seen.forEach((node, theirs) -> {
            Seen ours = merged.get(node);
            if (ours == null) {
                merged.put(node, theirs);
            } else if (ours.epoch() == theirs.epoch()) {
                BitSet union = (BitSet) ours.partitions().clone();
                union.or(theirs.partitions());
                merged.put(node, new Seen(ours.epoch(), union));
            } else {
                Seen older = ours.epoch() < theirs.epoch() ? ours : theirs;
                lost.or(older.partitions());
                merged.put(node, ours.epoch() < theirs.epoch() ? theirs : ours);
            }
        });
        return new SessionToken(partitions, merged, lost);
    }

    // ---- bytes and text --------------------------------------------------------------------------

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + seen.size() * (12 + bitmapBytes()));
        out.write(FORMAT);
        writeVarLong(out, partitions);
        writeVarLong(out, seen.size());
        seen.forEach((node, s) -> {
            byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
            writeVarLong(out, name.length);
            out.writeBytes(name);
            writeVarLong(out, s.epoch());
            out.writeBytes(bitmap(s.partitions()));
        });
        out.write(unprovable.isEmpty() ? 0 : 1);
        if (!unprovable.isEmpty()) out.writeBytes(bitmap(unprovable));
        return out.toByteArray();
    }

    /** A partition bitmap from the wire: the bytes its partition count needs, no bit past the last partition. */
    private BitSet readBitmap(Reader in) {
        BitSet bits = BitSet.valueOf(in.readBytes(bitmapBytes()));
        if (bits.length() > partitions) {
            throw new IllegalArgumentException("session token names partition " + (bits.length() - 1) + " of " + partitions);
        }
        return bits;
    }

    /** Decodes a token; any malformation or claim over the bounds is an IllegalArgumentException saying what. */
    public static SessionToken decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        if (in.readByte() != FORMAT) throw new IllegalArgumentException("session token has an unknown format (expected " + FORMAT + ")");
        int partitions = in.readBounded(PARTITIONS_MAX, "partitions");
        if (partitions < 1) throw new IllegalArgumentException("session token covers no partitions");
        int nodes = in.readBounded(NODES_MAX, "nodes");
        SessionToken token = empty(partitions);
        for (int i = 0; i < nodes; i++) {
            String name = new String(in.readBytes(in.readBounded(64, "node name bytes")), StandardCharsets.UTF_8);
            NodeId node = NodeId.of(name);
            long epoch = in.readVarLong();
            if (epoch < 0) throw new IllegalArgumentException("session token names a negative epoch for " + name);
            if (token.seen.put(node, new Seen(epoch, token.readBitmap(in))) != null) {
                throw new IllegalArgumentException("session token names " + name + " twice");
            }
        }
        int flag = in.readByte();
        if (flag == 1) token.unprovable.or(token.readBitmap(in));
        else if (flag != 0) throw new IllegalArgumentException("session token has a bad unprovable-partitions flag " + flag);
        if (!in.atEnd()) throw new IllegalArgumentException("session token has trailing bytes");
        return token;
    }

    /** The compact text form, for a token to cross processes: {@code cs1.} and URL-safe base64. */
    public String export() {
        return EXPORT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(encode());
    }

    public static SessionToken parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith(EXPORT_PREFIX)) throw new IllegalArgumentException("not a session token (it starts with " + EXPORT_PREFIX + ")");
        try {
            return decode(Base64.getUrlDecoder().decode(trimmed.substring(EXPORT_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a session token: " + e.getMessage(), e);
        }
    }

    private int bitmapBytes() {
        return (partitions + 7) / 8;
    }

    private byte[] bitmap(BitSet bits) {
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
        return o instanceof SessionToken t && t.partitions == partitions && t.seen.equals(seen) && t.unprovable.equals(unprovable);
    }

    @Override
    public int hashCode() {
        return seen.hashCode() * 31 + partitions;
    }

    @Override
    public String toString() {
        return "SessionToken" + seen + (unprovable.isEmpty() ? "" : " unprovable " + unprovable);
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
