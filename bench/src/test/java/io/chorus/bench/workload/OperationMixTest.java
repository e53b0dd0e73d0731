package io.chorus.bench.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperationMixTest {

    @ParameterizedTest
    @EnumSource(Workload.class)
    void eachWorkloadPicksItsOperationsInYcsbProportions(Workload workload) {
        SplittableRandom random = new SplittableRandom(42);
        int draws = 200_000;
        Map<OpType, Integer> counts = new EnumMap<>(OpType.class);
        for (int i = 0; i < draws; i++) counts.merge(workload.mix().pick(random.nextDouble()), 1, Integer::sum);
        for (OpType t : OpType.values()) {
            double expected = workload.mix().share(t);
            double seen = counts.getOrDefault(t, 0) / (double) draws;
            assertEquals(expected, seen, 0.005, workload + " " + t + ": expected share " + expected + ", got " + seen);
            if (expected == 0) assertEquals(0, counts.getOrDefault(t, 0), workload + " must never pick " + t);
        }
    }

    @Test
    void theYcsbMixesAreTheOnesAdvertised() {
        assertEquals(0.5, Workload.A.mix().share(OpType.UPDATE));
        assertEquals(0.05, Workload.B.mix().share(OpType.UPDATE));
        assertEquals(1.0, Workload.C.mix().share(OpType.READ));
        assertEquals(0.05, Workload.D.mix().share(OpType.INSERT));
        assertEquals(KeyDistribution.LATEST, Workload.D.defaultDistribution());
        assertEquals(0.5, Workload.F.mix().share(OpType.READ_MODIFY_WRITE));
    }

    @Test
    void boundariesFallInTheRightSlice() {
        OperationMix mix = Workload.A.mix();
        assertEquals(OpType.READ, mix.pick(0.0));
        assertEquals(OpType.READ, mix.pick(0.4999999));
        assertEquals(OpType.UPDATE, mix.pick(0.5));
        assertEquals(OpType.UPDATE, mix.pick(Math.nextDown(1.0)));
    }

    @Test
    void sharesThatDoNotSumToOneAreRefused() {
        Map<OpType, Double> shares = new EnumMap<>(OpType.class);
        shares.put(OpType.READ, 0.5);
        shares.put(OpType.UPDATE, 0.4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OperationMix.of(shares));
        assertTrue(e.getMessage().contains("sum to"), e.getMessage());
    }

    @Test
    void unknownWorkloadNamesTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.parse("e"));
        assertTrue(e.getMessage().contains("a, b, c, d, f or counter"), e.getMessage());
        assertEquals(Workload.F, Workload.parse(" F "));
        assertEquals(Workload.COUNTER, Workload.parse("counter"));
    }

    @Test
    void theCounterWorkloadIncrementsAndReadsHalfAndHalfUnlessToldOtherwise() {
        assertEquals(0.5, Workload.COUNTER.mix().share(OpType.INCREMENT));
        assertEquals(0.5, Workload.COUNTER.mix().share(OpType.COUNTER_READ));
        assertEquals(KeyDistribution.ZIPFIAN, Workload.COUNTER.defaultDistribution());
        assertEquals("counter", Workload.COUNTER.defaultKeyPrefix(), "a key that holds values refuses increments");
        OperationMix readMostly = Workload.counterMix(0.95);
        assertEquals(0.05, readMostly.share(OpType.INCREMENT), 1e-12);
        assertEquals("incr 5%, read 95%", readMostly.describe());
        assertEquals(List.of(OpType.INCREMENT), Workload.counterMix(0).types(), "a share of 0 leaves the type out");
        assertThrows(IllegalArgumentException.class, () -> Workload.counterMix(1.5));
        assertEquals("read 50%, update 50%", Workload.A.mix().describe());
        assertEquals("incr 66.7%, read 33.3%", Workload.counterMix(1 / 3.0).describe());
    }
}
