package io.chorus.simulation.check;

import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ALL;
import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictQuorumFreshnessCheckerTest {
    private final Checker checker = new StrictQuorumFreshnessChecker();

    /** v1 then v2 (which saw v1), both at QUORUM and acknowledged by 40. */
    private static Scenario twoWrites() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.put("v2", "n1:1", QUORUM, 30), 40, "n1:2").minted("v2", "n1:2");
        return s;
    }

    @Test
    void acceptsAQuorumReadThatSeesTheLatestWrite() {
        Scenario s = twoWrites();
        s.read(s.get(QUORUM, 50), 60, "n1:2", "v2");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAQuorumReadThatMissesAnAcknowledgedQuorumWrite() {
        Scenario s = twoWrites();
        s.read(s.get(QUORUM, 50), 60, "n1:1", "v1");
        List<Violation> violations = s.check(checker);
        assertEquals(2, violations.size(), violations.toString()); // missed v2, and returned v1 that v2 superseded
        assertTrue(violations.get(0).explanation().startsWith("stale read"), violations.toString());
        assertTrue(violations.get(0).explanation().contains("value v2"), violations.toString());
        assertTrue(violations.get(1).explanation().contains("read returned value v1"), violations.toString());
    }

    @Test
    void rejectsAnAllReadAfterAOneWriteThatItMissed() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", ONE, 10), 20, "n2:1").minted("v1", "n2:1");
        s.read(s.get(ALL, 50), 60, "", new String[0]);
        assertEquals(1, s.check(checker).size());
    }

    /** A sloppy write may be acknowledged by a fallback that no read quorum of the primaries meets. */
    @Test
    void aQuorumReadMayMissASloppyWriteButNotAStrictOne() {
        Scenario s = new Scenario();
        int sloppy = s.put("v1", "", QUORUM, 10);
        s.acked(sloppy, 20, "n1:1").minted("v1", "n1:1");
        s.read(s.get(QUORUM, 50), 60, "", new String[0]);
        assertEquals(1, s.check(checker).size(), "as a strict write, it was missed");
        s.history.markSloppy(sloppy);
        assertEquals(List.of(), s.check(checker), "a sloppy write promises no quorum freshness");
    }

    /** --power-loss: the replica that serves the read lost the write before syncing it. */
    @Test
    void acceptsAReadThatMissesAWriteAReplicaLostToAPowerLossBeforeTheReadEnded() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", ALL, 10), 20, "n1:1").minted("v1", "n1:1");
        s.read(s.get(ONE, 50), 60, "", new String[0]);
        s.rolledBack(Scenario.N3, 70, KeyState.empty(), Scenario.state("n1:1", "n1:1=v1"));
        assertEquals(1, s.check(checker).size(), "a power loss after the read excuses nothing");
        s.rolledBack(Scenario.N3, 30, KeyState.empty(), Scenario.state("n1:1", "n1:1=v1"));
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsStaleReadsWhenQuorumsNeedNotOverlap() {
        Scenario s = twoWrites();
        s.read(s.get(ONE, 50), 60, "n1:1", "v1"); // R=1 + W=2 = N: no promise
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void acceptsAReadThatStartedBeforeTheWriteWasAcknowledged() {
        Scenario s = twoWrites();
        s.read(s.get(QUORUM, 35), 60, "n1:1", "v1");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAReadThatSawAWriteButDroppedItsValue() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.put("v2", "", QUORUM, 11), 21, "n2:1").minted("v2", "n2:1");
        s.read(s.get(QUORUM, 50), 60, "n1:1,n2:1", "v2"); // v1 is concurrent with v2 and must be listed
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("returned neither it nor any write superseding it"), violations.toString());
    }

    @Test
    void acceptsAReadThatOmitsAValueAnIndeterminateWriteSuperseded() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.put("v2", "n1:1", ONE, 30); // indeterminate, yet applied
        s.minted("v2", "n3:1");
        s.read(s.get(QUORUM, 50), 60, "n1:1,n3:1", "v2");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAReadThatReturnsAValueAnAcknowledgedDeleteRemoved() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1").minted("v1", "n1:1");
        s.acked(s.delete("n1:1", QUORUM, 30), 40, "n1:2");
        s.read(s.get(QUORUM, 50), 60, "n1:1", "v1");
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("had superseded"), violations.toString());
    }

    @Test
    void rejectsReadsAfterAnAcknowledgedPutThatWasNeverStored() {
        Scenario s = new Scenario();
        s.acked(s.put("v1", "", QUORUM, 10), 20, "n1:1"); // acked, but no replica ever stored it
        s.read(s.get(QUORUM, 50), 60, "", new String[0]);
        assertEquals(1, s.check(checker).size());
    }
}
