package io.chorus.replication.merkle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/** The tree's two promises: built incrementally it equals the rebuild; walked against another it finds exactly the changes. */
class MerkleTreeTest {
    @Test
    void incrementalUpdatesEqualARebuildOfTheFinalEntries() {
        qt().forAll(lists().of(integers().between(0, 4_999)).ofSizeBetween(0, 300), integers().between(1, 3)).check((steps, depth) -> {
            MerkleTree incremental = new MerkleTree(8, depth);
            Map<String, Long> entries = new TreeMap<>();
            for (int step : steps) { // key step % 97 gets digest step, or is removed when step is a multiple of 7
                String key = "k" + step % 97;
                long before = entries.getOrDefault(key, 0L);
                long after = step % 7 == 0 ? 0 : mix(step);
                if (after == 0) entries.remove(key); else entries.put(key, after);
                incremental.update(incremental.leafOf(bytes(key)), before ^ after);
            }
            return incremental.equals(build(entries, 8, depth));
        });
    }

    @Test
    void walkingTwoTreesFindsExactlyTheLeavesAndKeysThatChanged() {
        qt().forAll(integers().between(0, 3_000), lists().of(integers().between(0, 3_999)).ofSizeBetween(0, 200), longs().all())
                .check((size, changes, salt) -> {
                    Map<String, Long> mine = new TreeMap<>();
                    for (int i = 0; i < size; i++) mine.put("k" + i, mix(i ^ salt));
                    Map<String, Long> theirs = new TreeMap<>(mine);
                    TreeSet<String> changed = new TreeSet<>();
                    for (int c : changes) { // change, add or remove a key on their side
                        String key = "k" + c;
                        if (c % 3 == 0) theirs.remove(key); else theirs.put(key, mix(c * 31L + salt + 1));
                        if (!java.util.Objects.equals(mine.get(key), theirs.get(key))) changed.add(key); else changed.remove(key);
                    }
                    MerkleTree a = build(mine, MerkleTree.FANOUT_DEFAULT, MerkleTree.DEPTH_DEFAULT);
                    MerkleTree b = build(theirs, MerkleTree.FANOUT_DEFAULT, MerkleTree.DEPTH_DEFAULT);
                    TreeSet<Integer> leaves = new TreeSet<>();
                    for (int leaf : a.differingLeaves(b)) leaves.add(leaf);
                    TreeSet<Integer> changedLeaves = new TreeSet<>();
                    for (String key : changed) changedLeaves.add(a.leafOf(bytes(key)));
                    // what a leaf sync does: take both sides' keys in the differing leaves, keep those whose digests differ
                    TreeSet<String> found = new TreeSet<>();
                    TreeSet<String> candidates = new TreeSet<>(mine.keySet());
                    candidates.addAll(theirs.keySet());
                    for (String key : candidates) {
                        if (leaves.contains(a.leafOf(bytes(key))) && !java.util.Objects.equals(mine.get(key), theirs.get(key))) found.add(key);
                    }
                    return leaves.equals(changedLeaves) && found.equals(changed);
                });
    }

    @Test
    void identicalTreesHaveNoDifferingLeavesAndAShapeIsChecked() {
        MerkleTree a = build(Map.of("x", 5L, "y", 9L), 4, 2);
        assertEquals(0, a.differingLeaves(build(Map.of("y", 9L, "x", 5L), 4, 2)).length);
        assertEquals(List.of(true, false, false), List.of(a.contains(2, 15), a.contains(2, 16), a.contains(3, 0)));
        assertThrows(IllegalArgumentException.class, () -> new MerkleTree(3, 2));
    }

    private static MerkleTree build(Map<String, Long> entries, int fanout, int depth) {
        MerkleTree tree = new MerkleTree(fanout, depth);
        entries.forEach((key, digest) -> tree.update(tree.leafOf(bytes(key)), digest));
        return tree;
    }

    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
