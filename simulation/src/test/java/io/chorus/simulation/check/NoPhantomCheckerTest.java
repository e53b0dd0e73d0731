package io.chorus.simulation.check;

import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Key;
import io.chorus.simulation.history.Invocation;
import io.chorus.simulation.history.OpType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static io.chorus.simulation.check.Scenario.N1;
import static io.chorus.simulation.check.Scenario.N3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoPhantomCheckerTest {
    private final Checker checker = new NoPhantomChecker();

    /** A replica that forgot what it minted (power loss, same actor) mints a dot again: one dot, two versions. */
    @Test
    void rejectsADotMintedTwice() {
        Scenario s = new Scenario();
        s.history.mintedBy(Scenario.K, Scenario.dot("n1:1"), N1, 10);
        s.history.mintedBy(Key.of("other"), Scenario.dot("n1:1"), N1, 20); // dots count per key
        s.history.mintedBy(Scenario.K, Scenario.dot("n1#1:1"), N1, 30);    // the same node under a new actor
        assertEquals(List.of(), s.check(checker));
        s.history.mintedBy(Scenario.K, Scenario.dot("n1:1"), N1, 40);
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().startsWith("n1 minted \"k\" n1:1 at 0.000040s though n1 had minted it at 0.000010s"), violations.toString());
    }

    @Test
    void acceptsReadsOfWrittenValuesEvenIndeterminateOnes() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1");
        s.put("v2", "", QUORUM, 15); // indeterminate: may have applied
        s.read(s.get(ONE, 30), 40, "n1:1,n2:1", "v1", "v2");
        s.allHold("n1:1,n2:1", "n1:1=v1", "n2:1=v2");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAValueNoClientWrote() {
        Scenario s = new Scenario();
        s.read(s.get(ONE, 30), 40, "n1:1", "forged");
        assertOne(s, "no client ever wrote it");
    }

    @Test
    void rejectsAValueOfAWriteThatDefinitelyFailed() {
        Scenario s = new Scenario();
        s.failed(s.put("v1", "", QUORUM, 10), 20, ErrorKind.UNAVAILABLE);
        s.read(s.get(ONE, 30), 40, "n1:1", "v1");
        assertOne(s, "definitely failed");
    }

    @Test
    void rejectsAValueReadBeforeItsPutStarted() {
        Scenario s = new Scenario();
        s.read(s.get(ONE, 10), 20, "n1:1", "v1");
        s.acked(s.put("v1", "", QUORUM, 30), 40, "n1:1");
        assertOne(s, "started after the read ended");
    }

    @Test
    void rejectsAFinalValueNobodyWrote() {
        Scenario s = new Scenario();
        s.holds(N3, "n3:1", "n3:1=junk");
        assertOne(s, "n3 holds");
    }

    @Test
    void rejectsAValueWrittenToAnotherKey() {
        Scenario s = new Scenario();
        int id = s.history.nextOpId();
        s.history.invoke(new Invocation(id, 1, OpType.PUT, Key.of("other"), "v1", Scenario.vv(""), QUORUM, N1, 10));
        s.read(s.get(ONE, 30), 40, "n1:1", "v1");
        assertOne(s, "written to another key");
    }

    @Test
    void rejectsAPutAppliedTwice() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:2").minted("v1", "n1:1").minted("v1", "n1:2");
        s.allHold("n1:2", "n1:1=v1", "n1:2=v1");
        assertOne(s, "applied more than once");
    }

    private void assertOne(Scenario s, String expected) {
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains(expected), violations.toString());
    }
}
