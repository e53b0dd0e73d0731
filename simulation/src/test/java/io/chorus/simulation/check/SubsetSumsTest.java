package io.chorus.simulation.check;

import io.chorus.replication.env.SplitMixRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubsetSumsTest {
    /** Against brute force over every subset, with amounts that cross word boundaries (64, 65, 130...). */
    @Test
    void agreesWithBruteForce() {
        SplitMixRandom random = new SplitMixRandom(7);
        for (int round = 0; round < 200; round++) {
            int count = random.nextInt(10);
            long[] amounts = new long[count];
            for (int i = 0; i < count; i++) amounts[i] = 1 + random.nextInt(round % 2 == 0 ? 10 : 200);
            SubsetSums sums = SubsetSums.of(amounts);
            long total = SubsetSums.sum(amounts);
            boolean[] reachable = new boolean[(int) total + 2];
            for (int mask = 0; mask < 1 << count; mask++) {
                long s = 0;
                for (int i = 0; i < count; i++) if ((mask >> i & 1) != 0) s += amounts[i];
                reachable[(int) s] = true;
            }
            for (int t = -1; t <= total + 1; t++) {
                assertEquals(t >= 0 && reachable[t], sums.reachable(t), "total " + t + " of " + java.util.Arrays.toString(amounts));
            }
        }
    }

    @Test
    void usesEachAmountOnce() {
        SubsetSums sums = SubsetSums.of(new long[]{64, 64});
        assertTrue(sums.reachable(128));
        assertFalse(sums.reachable(192));
    }

    @Test
    void feasibleOnlyWhileCheap() {
        assertTrue(SubsetSums.feasible(new long[]{1_000, 1_000, 1_000}));
        assertFalse(SubsetSums.feasible(new long[]{Long.MAX_VALUE / 4, 5}));
    }
}
