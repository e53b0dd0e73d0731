package io.chorus.simulation.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static io.chorus.simulation.check.CrdtScenario.N1;
import static io.chorus.simulation.check.CrdtScenario.N3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetCheckerTest {
    private final Checker checker = new SetChecker();

    @Test
    void acceptsAddsReadAndKept() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.timedOut(s.add("y", QUORUM, 15), 50); // may have applied: may be read
        s.readSet(s.setRead(QUORUM, 30), 40, "x", "y");
        s.setEverywhere("x");                  // y never landed: fine, it was indeterminate
        assertEquals(List.of(), s.check(checker));
    }

    /** --power-loss: storage does not fsync, so an add only its minter stored dies with the minter's power. */
    @Test
    void acceptsAnAcknowledgedAddAPowerLossMadeAReplicaForget() {
        CrdtScenario s = new CrdtScenario();
        int add = s.add("x", QUORUM, 10);
        s.acked(add, 20);
        s.readSet(s.setRead(QUORUM, 50), 60);
        s.setEverywhere();
        assertEquals(4, s.check(checker).size(), "without a power loss the read and every replica lost it: " + s.check(checker));
        s.forgot(N1, 30, CrdtScenario.SET, add);
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAnElementNeverAdded() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.readSet(s.setRead(ONE, 30), 40, "x", "forged");
        s.setEverywhere("x");
        assertOne(s, "returned forged: no client ever added it");
    }

    @Test
    void rejectsAnElementWhoseOnlyAddDefinitelyFailed() {
        CrdtScenario s = new CrdtScenario();
        s.failed(s.add("x", QUORUM, 10), 20);
        s.readSet(s.setRead(ONE, 30), 40, "x");
        assertOne(s, "every add of it definitely failed");
    }

    @Test
    void rejectsAnElementReadBeforeItsAddBegan() {
        CrdtScenario s = new CrdtScenario();
        s.readSet(s.setRead(ONE, 10), 20, "x");
        s.acked(s.add("x", QUORUM, 30), 40);
        s.setEverywhere("x");
        assertOne(s, "its first add that may have applied began later");
    }

    @Test
    void rejectsAStaleReadThatMissesAnAcknowledgedAddAtOverlappingLevels() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.readSet(s.setRead(QUORUM, 30), 40);
        s.setEverywhere("x");
        assertOne(s, "stale read: it lacks x");
    }

    @Test
    void acceptsAReadThatMissesAnAddWhenTheirLevelsDoNotOverlap() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", ONE, 10), 20);
        s.readSet(s.setRead(QUORUM, 30), 40); // R=2 + W=1 <= N=3
        s.setEverywhere("x");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsAReadAndAFinalStateWithoutAnAddThatARemoveMayHaveSeen() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.acked(s.remove("x", QUORUM, 15), 25); // overlaps the add: may have been minted after it
        s.readSet(s.setRead(QUORUM, 30), 40);
        s.setEverywhere();
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAnAddRemovedByARemoveThatEndedBeforeTheAddBegan() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.remove("x", QUORUM, 5), 8); // minted before the add was: it cannot have seen it
        s.acked(s.add("x", QUORUM, 10), 20);
        s.readSet(s.setRead(QUORUM, 30), 40);
        s.setEverywhere();
        List<Violation> violations = s.check(checker);
        assertEquals(4, violations.size(), violations.toString()); // the stale read, and each replica
        assertTrue(violations.get(0).explanation().contains("stale read"), violations.toString());
        assertTrue(violations.get(1).explanation().contains("after heal, n1 lacks x"), violations.toString());
    }

    @Test
    void anIndeterminateRemoveMayLandLateAndExcusesAnyAdd() {
        CrdtScenario s = new CrdtScenario();
        s.timedOut(s.remove("x", QUORUM, 5), 8); // its message may still be on its way after the add
        s.acked(s.add("x", QUORUM, 10), 20);
        s.setEverywhere();
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void aFailedRemoveExcusesNothing() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.failed(s.remove("x", QUORUM, 15), 25);
        s.setEverywhere("x").setHeld(N3);
        assertOne(s, "after heal, n3 lacks x in \"set0\" (holds [])");
    }

    @Test
    void aRemoveInvokedAfterTheReadEndedDoesNotExcuseIt() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.readSet(s.setRead(QUORUM, 30), 40);
        s.acked(s.remove("x", QUORUM, 50), 60);
        s.setEverywhere();
        assertOne(s, "stale read: it lacks x");
    }

    @Test
    void rejectsAFinalElementNobodyAdded() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.setEverywhere("x").setHeld(N1, "x", "ghost");
        assertOne(s, "after heal, n1 holds ghost in \"set0\": no client ever added it");
    }

    @Test
    void judgesTheFinalStateOnlyAfterHeal() {
        CrdtScenario s = new CrdtScenario();
        s.acked(s.add("x", QUORUM, 10), 20);
        s.notHealed();
        assertEquals(List.of(), s.check(checker));
    }

    private void assertOne(CrdtScenario s, String expected) {
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains(expected), violations.toString());
    }
}
