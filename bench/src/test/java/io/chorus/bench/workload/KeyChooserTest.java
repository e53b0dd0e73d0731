package io.chorus.bench.workload;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyChooserTest {
    static final int KEYS = 10_000;
    static final int DRAWS = 200_000;

    private static long[] histogram(KeyChooser chooser, long keys, int draws) {
        SplittableRandom random = new SplittableRandom(7);
        long[] counts = new long[(int) keys];
        for (int i = 0; i < draws; i++) {
            long k = chooser.next(random);
            assertTrue(k >= 0 && k < keys, "key index " + k + " outside [0, " + keys + ")");
            counts[(int) k]++;
        }
        return counts;
    }

    /** Share of all draws that went to the {@code fraction} most popular keys. */
    private static double topShare(long[] counts, double fraction) {
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        long top = 0;
        int n = (int) Math.max(1, sorted.length * fraction);
        for (int i = 0; i < n; i++) top += sorted[sorted.length - 1 - i];
        return top / (double) Arrays.stream(counts).sum();
    }

    @Test
    void zipfianRanksFollowZipfsLaw() {
        Zipfian z = Zipfian.of(1000, Zipfian.THETA);
        SplittableRandom random = new SplittableRandom(1);
        long[] counts = new long[1000];
        for (int i = 0; i < DRAWS; i++) counts[(int) z.sample(random.nextDouble())]++;
        double zeta = 0;
        for (int i = 1; i <= 1000; i++) zeta += 1 / Math.pow(i, Zipfian.THETA);
        // P(rank 0) = 1/zeta and P(rank 1) = 2^-theta / zeta, exactly, in this algorithm
        assertEquals(1 / zeta, counts[0] / (double) DRAWS, 0.01);
        assertEquals(Math.pow(2, -Zipfian.THETA) / zeta, counts[1] / (double) DRAWS, 0.01);
        assertTrue(counts[0] > counts[9] && counts[9] > counts[99], "popularity must fall with rank: " + counts[0] + ", " + counts[9] + ", " + counts[99]);
    }

    @Test
    void grownZipfianEqualsOneComputedFromScratch() {
        Zipfian grown = Zipfian.of(1000, Zipfian.THETA).grownTo(1500);
        Zipfian fresh = Zipfian.of(1500, Zipfian.THETA);
        for (double u = 0; u < 1; u += 0.01) assertEquals(fresh.sample(u), grown.sample(u), "u = " + u);
    }

    @Test
    void scrambledZipfianIsSkewedButNotTowardsTheFirstKeys() {
        long[] counts = histogram(KeyChooser.of(KeyDistribution.ZIPFIAN, new KeySpace(KEYS, KEYS)), KEYS, DRAWS);
        double top1 = topShare(counts, 0.01);
        assertTrue(top1 > 0.15, "the hottest 1% of keys should get well over 1% of the draws, got " + top1);
        long firstHundred = Arrays.stream(counts, 0, 100).sum();
        assertTrue(firstHundred < DRAWS * 0.05, "hot keys must be scattered, but keys 0-99 got " + firstHundred);
    }

    @Test
    void uniformIsFlat() {
        long[] counts = histogram(KeyChooser.of(KeyDistribution.UNIFORM, new KeySpace(KEYS, KEYS)), KEYS, DRAWS);
        double top1 = topShare(counts, 0.01);
        assertTrue(top1 < 0.02, "uniform: the top 1% of keys should get about 1% of the draws, got " + top1);
    }

    @Test
    void latestFavoursTheNewestKeysAndFollowsInserts() {
        KeySpace keys = new KeySpace(KEYS, KEYS * 2L);
        KeyChooser latest = KeyChooser.of(KeyDistribution.LATEST, keys);
        long[] counts = histogram(latest, KEYS, DRAWS);
        assertTrue(counts[KEYS - 1] > counts[KEYS - 10] && counts[KEYS - 10] > counts[KEYS - 1000],
                "the newest key must be the most popular: " + counts[KEYS - 1] + ", " + counts[KEYS - 10] + ", " + counts[KEYS - 1000]);
        for (int i = 0; i < 500; i++) keys.complete(keys.claim());
        assertEquals(KEYS + 500, keys.limit());
        long[] after = histogram(latest, KEYS + 500, DRAWS);
        assertTrue(after[KEYS + 499] > after[KEYS - 1], "after inserts the newest inserted key must lead");
        assertTrue(Arrays.stream(after, KEYS, KEYS + 500).sum() > DRAWS / 4, "reads must move to the inserted keys");
    }
}
