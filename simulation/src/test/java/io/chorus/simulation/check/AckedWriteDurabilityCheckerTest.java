package io.chorus.simulation.check;

import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ALL;
import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static io.chorus.simulation.check.Scenario.N2;
import static io.chorus.simulation.check.Scenario.N3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckedWriteDurabilityCheckerTest {
    private final Checker checker = new AckedWriteDurabilityChecker();

    @Test
    void acceptsAnAcknowledgedPutHeldEverywhere() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1").allHold("n1:1", "n1:1=v1");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsAPutSupersededByAWriteThatSawIt() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.put("v2", "n1:1", QUORUM, 30), 40, "n1:2").minted("v2", "n1:2");
        s.allHold("n1:2", "n1:2=v2");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsAPutWhoseDeleteWasPurgedFromEveryReplica() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.delete("n1:1", ALL, 30), 40, "n1:2");
        s.allHold("", new String[0]); // every replica held the tombstone, so it was purged
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAPutGoneFromEveryReplicaWithoutADelete() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.put("v2", "", QUORUM, 30), 40, "n1:2").minted("v2", "n1:2"); // blind: supersedes nothing
        s.allHold("", new String[0]);
        assertEquals(6, s.check(checker).size(), "both puts are lost on all three replicas: " + s.check(checker));
    }

    @Test
    void acceptsALostIndeterminateWrite() {
        Scenario s = new Scenario();
        s.put("v1", "", QUORUM, 10); // never completed
        s.allHold("", new String[0]);
        assertEquals(List.of(), s.check(checker));
    }

    /** --power-loss: storage does not fsync, so a put only its minter stored dies with the minter's power. */
    @Test
    void acceptsAnAcknowledgedPutThatEveryReplicaHoldingItLostToAPowerLoss() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", ONE, 10), 20, "n1:1").minted("v1", "n1:1").allHold("", new String[0]);
        assertEquals(3, s.check(checker).size(), "without a power loss every replica lost it: " + s.check(checker));
        s.rolledBack(Scenario.N1, 30, KeyState.empty(), Scenario.state("n1:1", "n1:1=v1"));
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsASupersededVersionBackWhenAPowerLossUndidTheDeleteThatSupersededIt() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", ALL, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.delete("n1:1", ONE, 30), 40, "n1:2");
        s.allHold("n1:1", "n1:1=v1");
        assertEquals(3, s.check(checker).size(), "without a power loss every replica undid the delete: " + s.check(checker));
        s.rolledBack(Scenario.N1, 50, Scenario.state("n1:1", "n1:1=v1"), Scenario.state("n1:2", "n1:2=~"));
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAReplicaThatNeverGotAnAcknowledgedPut() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1").allHold("n1:1", "n1:1=v1");
        s.holds(N3, "", new String[0]);
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("replica n3 lost"), violations.toString());
    }

    @Test
    void rejectsAPutDroppedThoughNoWriteSupersededIt() {
        // The replicas saw v1's dot but hold only v2, written without a context: v1 was silently overwritten.
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.put("v2", "", QUORUM, 11), 21, "n2:1").minted("v2", "n2:1");
        s.allHold("n1:1,n2:1", "n2:1=v2");
        List<Violation> violations = s.check(checker);
        assertEquals(3, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("although no client write's context ever covered it"), violations.toString());
    }

    @Test
    void rejectsAnAcknowledgedPutThatNeverReachedStorage() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1");
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("never reached any replica"), violations.toString());
    }

    @Test
    void rejectsADeletedValueThatCameBack() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.delete("n1:1", QUORUM, 30), 40, "n1:2");
        s.allHold("n1:2", "n1:2=~");
        s.holds(N2, "n1:1", "n1:1=v1"); // n2 never got the tombstone
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("replica n2 still holds version n1:1=v1"), violations.toString());
    }
}
