package io.chorus.replication.coordinate;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteTallyTest {
    static final NodeId A = NodeId.of("a"), B = NodeId.of("b"), C = NodeId.of("c"), X = NodeId.of("x");
    static final List<NodeId> REPLICAS = List.of(A, B, C);

    @Test
    void quorumIsReachedAfterTwoOfThreeAcks() {
        WriteTally w = new WriteTally(REPLICAS, Consistency.QUORUM.required(3));
        assertTrue(w.addAck(A));
        assertFalse(w.isDone());
        assertTrue(w.addAck(C));
        assertTrue(w.isDone());
        assertTrue(w.isSuccess());
        assertEquals(2, w.ackCount());
    }

    @Test
    void duplicateAndStrayAcksDoNotCount() {
        WriteTally w = new WriteTally(REPLICAS, 2);
        assertTrue(w.addAck(A));
        assertFalse(w.addAck(A), "a duplicated ack must not count twice");
        assertFalse(w.addAck(X), "a node outside the preference list must not count");
        assertFalse(w.isDone());
    }

    @Test
    void quorumBecomesImpossibleAfterTooManyFailures() {
        WriteTally w = new WriteTally(REPLICAS, 3);
        w.addAck(A);
        assertTrue(w.addFailure(B, "storage full"));
        assertTrue(w.isDone());
        assertFalse(w.isSuccess());
        assertTrue(w.isImpossible());
        assertEquals("storage full", w.failures().get(B));
    }

    @Test
    void aLateAckAfterAFailureFromTheSameReplicaIsIgnored() {
        WriteTally w = new WriteTally(REPLICAS, 2);
        w.addFailure(B, "full");
        assertFalse(w.addAck(B));
        assertEquals(0, w.ackCount());
    }

    @Test
    void requiredMustFitThePreferenceList() {
        assertThrows(IllegalArgumentException.class, () -> new WriteTally(REPLICAS, 4));
        assertThrows(IllegalArgumentException.class, () -> new WriteTally(REPLICAS, 0));
    }

    @Test
    void levelsMapToReplicaCounts() {
        assertEquals(1, Consistency.ONE.required(3));
        assertEquals(2, Consistency.TWO.required(3));
        assertEquals(2, Consistency.QUORUM.required(3));
        assertEquals(3, Consistency.QUORUM.required(5));
        assertEquals(5, Consistency.ALL.required(5));
        assertEquals(Consistency.QUORUM, Consistency.parse(" quorum "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Consistency.parse("SOMETIMES"));
        assertTrue(e.getMessage().contains("SOMETIMES") && e.getMessage().contains("one, two, quorum or all"), e.getMessage());
    }
}
