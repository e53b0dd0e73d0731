package io.chorus.simulation.check;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.OrSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ALL;
import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static io.chorus.simulation.check.CrdtScenario.CNT;
import static io.chorus.simulation.check.CrdtScenario.N2;
import static io.chorus.simulation.check.CrdtScenario.N3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterBoundsCheckerTest {
    private final Checker checker = new CounterBoundsChecker();

    @Test
    void acceptsReadsBetweenTheBoundsAndAFinalValueOfAckedPlusSomeIndeterminate() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, QUORUM, 10), 20);
        s.timedOut(s.increment(7, QUORUM, 30), 60);    // may have applied
        s.timedOut(s.increment(100, QUORUM, 35), 65);  // may have applied
        s.failed(s.increment(1000, QUORUM, 40), 45);   // nothing applied
        s.readCounter(s.counterRead(QUORUM, 50), 55, 12);  // 5, and the 7 that was under way
        s.readCounter(s.counterRead(QUORUM, 70), 80, 5);   // the 7 never landed after all: still fine, it is indeterminate
        s.counterEverywhere(105);                           // 5 + 100
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsAReadThatMissesAnIncrementWhenTheirLevelsDoNotOverlap() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, ONE, 10), 20);
        s.readCounter(s.counterRead(ONE, 30), 40, 0);  // R=1 + W=1 <= N=3: the read may ask another replica
        s.counterEverywhere(5);
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsAReadThatMissesAnIncrementAcknowledgedOnlyAfterItBegan() {
        CrdtScenario s = new CrdtScenario();
        int inc = s.increment(5, ALL, 10);
        s.readCounter(s.counterRead(ALL, 15), 30, 0);
        s.acked(inc, 20);
        s.counterEverywhere(5);
        assertEquals(List.of(), s.check(checker));
    }

    /** --power-loss: storage does not fsync, so an increment only its minter stored dies with the minter's power. */
    @Test
    void acceptsAnAcknowledgedIncrementAPowerLossMadeAReplicaForget() {
        CrdtScenario s = new CrdtScenario();
        int five = s.increment(5, ALL, 10);
        s.acked(five, 20);
        s.readCounter(s.counterRead(ONE, 50), 60, 0);
        s.counterEverywhere(0);
        assertEquals(4, s.check(checker).size(), "without a power loss the read and every replica lost it: " + s.check(checker));
        s.forgot(CrdtScenario.N1, 30, CNT, five);
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAReadBelowTheIncrementsAcknowledgedBeforeItAtOverlappingLevels() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, QUORUM, 10), 20);
        s.acked(s.increment(3, ONE, 12), 18);   // ONE does not overlap a QUORUM read: not in the bound
        s.readCounter(s.counterRead(QUORUM, 30), 40, 3);
        s.counterEverywhere(8);
        assertOne(s, "less than the 5 that the increments acknowledged at TWO/QUORUM/ALL before it began add up to");
    }

    @Test
    void rejectsAReadAboveEveryIncrementThatMayHaveApplied() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, QUORUM, 10), 20);
        s.failed(s.increment(7, QUORUM, 25), 26); // refused: counting it is counting nothing
        s.readCounter(s.counterRead(ONE, 30), 40, 12);
        s.counterEverywhere(5);
        assertOne(s, "more than the 5 that all increments invoked before it ended add up to");
    }

    @Test
    void rejectsAReadThatCountsAnIncrementInvokedAfterItEnded() {
        CrdtScenario s = new CrdtScenario();
        s.readCounter(s.counterRead(ONE, 10), 20, 5);
        s.acked(s.increment(5, QUORUM, 30), 40);
        s.counterEverywhere(5);
        assertOne(s, "more than the 0");
    }

    @Test
    void rejectsALostAcknowledgedIncrementAfterHeal() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, QUORUM, 10), 20);
        s.acked(s.increment(7, ONE, 30), 40);
        s.counterEverywhere(12).counterHeld(N3, 5);
        assertOne(s, "n3 holds \"cnt0\" = 5; acknowledged increments add up to 12");
    }

    @Test
    void rejectsAFinalValueNoSubsetOfTheIndeterminateIncrementsExplains() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(10, QUORUM, 10), 20);
        s.timedOut(s.increment(5, QUORUM, 30), 40);
        s.timedOut(s.increment(7, QUORUM, 50), 60);
        s.counterEverywhere(16); // 10 + 6: 6 is no subset of {5, 7} (the 5 counted twice, say, minus nothing)
        List<Violation> violations = s.check(checker);
        assertEquals(3, violations.size(), violations.toString()); // one per replica
        assertTrue(violations.get(0).explanation().contains("no subset of the indeterminate increments [5, 7] adds up to the 6"), violations.toString());
    }

    @Test
    void acceptsEverySubsetOfTheIndeterminateIncrements() {
        for (long extra : new long[]{0, 5, 7, 12}) {
            CrdtScenario s = new CrdtScenario();
            s.acked(s.increment(10, QUORUM, 10), 20);
            s.timedOut(s.increment(5, QUORUM, 30), 40);
            s.timedOut(s.increment(7, QUORUM, 50), 60);
            s.counterEverywhere(10 + extra);
            assertEquals(List.of(), s.check(checker), "extra " + extra);
        }
    }

    @Test
    void rejectsAFinalValueAboveAllIncrements() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(10, QUORUM, 10), 20);
        s.timedOut(s.increment(5, QUORUM, 30), 40);
        s.counterEverywhere(25); // the acked 10 applied twice, and the 5
        assertEquals(3, s.check(checker).size());
        assertTrue(s.check(checker).get(0).explanation().contains("more than all of them"), s.check(checker).toString());
    }

    @Test
    void withTooManyIndeterminateIncrementsForAnExactCheckKeepsTheBounds() {
        CrdtScenario s = new CrdtScenario();
        long sum = 0;
        for (int i = 0; i < 2_000; i++) { // 2,000 amounts of ~2 million: a table of 2e9 bits, too costly
            long amount = 2_000_000 + i;
            sum += amount;
            s.timedOut(s.increment(amount, QUORUM, 10 + i), 100_000);
        }
        s.counterEverywhere(1); // within 0..sum but no subset: accepted, the exact check is skipped
        assertEquals(List.of(), s.check(checker));
        CrdtScenario over = new CrdtScenario();
        for (int i = 0; i < 2_000; i++) over.timedOut(over.increment(2_000_000 + i, QUORUM, 10 + i), 100_000);
        over.counterEverywhere(sum + 1);
        assertEquals(3, over.check(checker).size(), "still bounded above");
    }

    @Test
    void rejectsACounterNobodyIncremented() {
        CrdtScenario s = new CrdtScenario();
        s.counterHeld(N2, 3);
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("n2 holds \"cnt0\" = 3; acknowledged increments add up to 0"), violations.toString());
    }

    @Test
    void rejectsACounterKeyHoldingASet() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, QUORUM, 10), 20);
        s.counterEverywhere(5).holds(N2, CNT, OrSet.empty().add("n2", Bytes.utf8("x")).state());
        assertOne(s, "n2 holds \"cnt0\" as a set, not a counter");
    }

    @Test
    void judgesTheFinalStateOnlyAfterHeal() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.increment(5, QUORUM, 10), 20);
        s.notHealed(); // the run stopped early: storage holds nothing yet
        assertEquals(List.of(), s.check(checker));
    }

    private void assertOne(CrdtScenario s, String expected) {
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains(expected), violations.toString());
    }
}
