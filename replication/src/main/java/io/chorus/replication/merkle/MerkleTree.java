package io.chorus.replication.merkle;

import io.chorus.replication.Invariants;
import io.chorus.replication.ring.KeyHash;

import java.util.Arrays;

/**
 * A hash tree of fixed shape over a set of (key, entry digest) pairs: {@code fanout^depth} leaves,
 * a key's leaf picked by the low bits of its key hash (the partition takes the top bits), and every
 * node's hash the XOR of the entry digests below it. XOR makes a change a delta: a write XORs
 * {@code digest(before) ^ digest(after)} into its leaf and each ancestor ({@link #update}), so the
 * tree built incrementally equals the tree rebuilt from the same entries, whatever the order.
 * Memory: {@code 8 * (fanout^(depth+1) - 1) / (fanout - 1)} bytes, whatever the key count (8.4 KiB
 * for the default 32 by 2). Two replicas compare roots, then the children of the nodes that differ,
 * level by level, down to the leaves that differ; only those leaves' keys are then exchanged.
 */
public final class MerkleTree {
    public static final int FANOUT_DEFAULT = 32;
    public static final int DEPTH_DEFAULT = 2;
    public static final int LEAVES_DEFAULT = 1024; // FANOUT_DEFAULT ^ DEPTH_DEFAULT

    private final int fanout;
    private final long[][] levels; // levels[0] is the root, levels[depth] the leaves

    public MerkleTree(int fanout, int depth) {
        if (fanout < 2 || Integer.bitCount(fanout) != 1) throw new IllegalArgumentException("fanout must be a power of two, at least 2, was " + fanout);
        if (depth < 1 || Math.pow(fanout, depth) > (1 << 20)) throw new IllegalArgumentException("depth " + depth + " is outside 1.." + "(a million leaves)");
        this.fanout = fanout;
        this.levels = new long[depth + 1][];
        for (int level = 0, width = 1; level <= depth; level++, width *= fanout) levels[level] = new long[width];
    }

    public MerkleTree() {
        this(FANOUT_DEFAULT, DEPTH_DEFAULT);
    }

    public int fanout() {
        return fanout;
    }

    /** The leaves' level (the root is level 0). */
    public int depth() {
        return levels.length - 1;
    }

    public int width(int level) {
        return levels[level].length;
    }

    public int leaves() {
        return levels[depth()].length;
    }

    /** The leaf {@code key} falls in: the low bits of its key hash. */
    public int leafOf(byte[] key) {
        return (int) (KeyHash.hash64(key) & (leaves() - 1));
    }

    /** XORs {@code delta} (a key's old entry digest XOR its new one) into {@code leaf} and every ancestor. */
    public void update(int leaf, long delta) {
        if (leaf < 0 || leaf >= leaves()) throw Invariants.violated("leaf %s outside a tree of %s leaves", leaf, leaves());
        if (delta == 0) return;
        for (int level = depth(), index = leaf; level >= 0; level--, index /= fanout) levels[level][index] ^= delta;
    }

    public long root() {
        return levels[0][0];
    }

    /** The hash of node {@code index} at {@code level}; the caller checked both are in range ({@link #contains}). */
    public long hash(int level, int index) {
        return levels[level][index];
    }

    /** Whether (level, index) names a node of this tree: what a peer's message is checked with. */
    public boolean contains(int level, int index) {
        return level >= 0 && level < levels.length && index >= 0 && index < levels[level].length;
    }

    /** The index of the first child of node {@code index}; its children are the next {@link #fanout} indexes one level down. */
    public int firstChild(int index) {
        return index * fanout;
    }

    /** A copy of the leaves (tests). */
    public long[] leafHashes() {
        return levels[depth()].clone();
    }

    /**
     * The leaves where this tree and {@code other} (of the same shape) differ, found by walking down
     * from the root through the nodes that differ only, as two replicas do over the network.
     */
    public int[] differingLeaves(MerkleTree other) {
        Invariants.check(other.fanout == fanout && other.depth() == depth(), "trees of different shapes compared");
        int[] frontier = root() == other.root() ? new int[0] : new int[] {0};
        for (int level = 1; level <= depth(); level++) {
            int[] next = new int[frontier.length * fanout];
            int found = 0;
            for (int parent : frontier) {
                for (int child = firstChild(parent); child < firstChild(parent) + fanout; child++) {
                    if (levels[level][child] != other.levels[level][child]) next[found++] = child;
                }
            }
            frontier = Arrays.copyOf(next, found);
        }
        return frontier;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MerkleTree t && t.fanout == fanout && Arrays.deepEquals(t.levels, levels);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(levels);
    }
}
