package io.chorus.replication.coordinate;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadTallyTest {
    static final NodeId A = NodeId.of("a"), B = NodeId.of("b"), C = NodeId.of("c"), X = NodeId.of("x");
    static final KeyState V1 = KeyState.empty().update(VersionVector.empty(), bytes("v1"), "a");
    static final KeyState V2 = V1.update(V1.context(), bytes("v2"), "a");                 // supersedes v1
    static final KeyState W = KeyState.empty().update(VersionVector.empty(), bytes("w"), "b"); // concurrent with both

    @Test
    void answersAfterRRepliesWithTheirMerge() {
        ReadTally r = new ReadTally(List.of(A, B, C), 2);
        r.addResult(A, V1);
        assertFalse(r.isDone());
        r.addResult(B, V2);
        assertTrue(r.isDone());
        assertEquals(V2, r.response(), "the newer version supersedes the older one it descends from");
    }

    @Test
    void concurrentVersionsComeBackAsSiblings() {
        ReadTally r = new ReadTally(List.of(A, B, C), 2);
        r.addResult(A, V2);
        r.addResult(B, W);
        assertEquals(2, r.response().liveValues().size());
        assertTrue(r.response().context().descends(V2.context()) && r.response().context().descends(W.context()),
                "the context covers every sibling, so writing back with it resolves them");
    }

    @Test
    void duplicateAndStrayRepliesAreIgnored() {
        ReadTally r = new ReadTally(List.of(A, B, C), 2);
        assertTrue(r.addResult(A, V1));
        assertFalse(r.addResult(A, V2), "a duplicated reply must not count twice");
        assertFalse(r.addResult(X, V2), "a node outside the preference list must not count");
        assertFalse(r.isDone());
        assertEquals(V1, r.response());
    }

    @Test
    void repairsNameTheStaleReplicas() {
        ReadTally r = new ReadTally(List.of(A, B, C), 1);
        r.addResult(A, V2);
        r.addResult(B, V1);
        r.addResult(C, KeyState.empty());
        assertTrue(r.isComplete());
        Map<NodeId, KeyState> repairs = r.repairs();
        assertEquals(List.of(B, C), List.copyOf(repairs.keySet()));
        assertEquals(V2, repairs.get(B));
    }

    @Test
    void notFoundEverywhereIsAnEmptyAnswer() {
        ReadTally r = new ReadTally(List.of(A, B, C), 3);
        r.addResult(A, KeyState.empty());
        r.addResult(B, KeyState.empty());
        r.addResult(C, KeyState.empty());
        assertTrue(r.response().liveValues().isEmpty());
        assertTrue(r.repairs().isEmpty());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
