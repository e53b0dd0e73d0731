package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PnCounter}: the CRDT laws, and every operation counting exactly once once merged. */
class PnCounterTest extends CrdtLawsTest<PnCounter> {
    @Override
    Model<PnCounter> model() {
        return new CounterModel();
    }

    @Test
    void mergedValueIsTheSumOfEveryOperation() {
        forAllRuns((run, random) -> {
            long expected = 0;
            for (Run.Applied<PnCounter> applied : run.applied) {
                if (applied.op() instanceof CounterModel.Increment i) expected += i.amount();
                if (applied.op() instanceof CounterModel.Decrement d) expected -= d.amount();
            }
            assertEquals(expected, run.joinOfReplicas().value());
        });
    }

    @Test
    void concurrentUpdatesOfTwoNodesBothCount() {
        PnCounter base = PnCounter.empty().increment("n1", 10).state();
        PnCounter atN1 = base.decrement("n1", 3).state();
        PnCounter atN2 = base.increment("n2", 5).state();
        assertEquals(12, atN1.merge(atN2).value());
        assertEquals(7, atN1.value());
    }

    @Test
    void aNodeKeepsOneEntryWhateverItsNumberOfOperations() {
        PnCounter counter = PnCounter.empty();
        for (int i = 0; i < 1_000; i++) counter = counter.increment(i % 2 == 0 ? "n1" : "n2", 1).state();
        assertEquals(1_000, counter.value());
        assertEquals(2, counter.dots().size());
    }

    @Test
    void refusesNegativeAmountsAndOverflowWithAReason() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> PnCounter.empty().increment("n1", -1));
        assertTrue(negative.getMessage().contains(">= 0"), negative.getMessage());
        PnCounter full = PnCounter.empty().increment("n1", Long.MAX_VALUE).state();
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class, () -> full.increment("n2", 1));
        assertTrue(overflow.getMessage().contains("overflow"), overflow.getMessage());
        assertEquals(Long.MAX_VALUE, full.decrement("n2", 0).state().value());
    }
}
