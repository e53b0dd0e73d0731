package io.chorus.replication.message;

import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTokenTest {
    private static final NodeId N1 = NodeId.of("n1"), N2 = NodeId.of("n2"), N3 = NodeId.of("n3");

    /** The size is the cluster's shape: a session that touched 100,000 keys of a 3-node cluster, each via every replica. */
    @Test
    void aSessionThatTouchedAHundredThousandKeysKeepsATokenOfAFewHundredBytes() {
        List<NodeId> nodes = List.of(N1, N2, N3);
        Ring ring = Ring.create(nodes, Ring.defaultPartitions(3));
        SessionToken token = SessionToken.empty(ring.partitions());
        for (int i = 0; i < 100_000; i++) {
            int partition = ring.partitionOf(Key.of("user:" + i).bytesUnsafe());
            token = token.with(nodes.get(i % 3), 0, partition);
        }
        int bytes = token.encode().length, text = token.export().length();
        System.out.println("[session] 100000 keys, 3 nodes, " + ring.partitions() + " partitions: token " + bytes + " bytes, " + text + " characters exported");
        assertTrue(bytes <= 2 + 3 * (2 + 10 + (ring.partitions() + 7) / 8) + (ring.partitions() + 7) / 8, "over the documented bound: " + bytes);
        assertTrue(text < 200, "exported: " + text);
        assertEquals(token, SessionToken.parse(token.export()), "a token survives export and import");
    }

    @Test
    void mergeIsAUnionAndAnEpochChangeMakesTheOldEntryUnprovable() {
        SessionToken a = SessionToken.empty(8).with(N1, 0, 1), b = SessionToken.empty(8).with(N1, 0, 2).with(N2, 4, 5);
        assertEquals(a.merge(b), b.merge(a));
        assertEquals(a.merge(b), a.merge(b).merge(a));
        assertEquals(java.util.Map.of(N1, 0L), a.merge(b).requiredFor(2));
        SessionToken restarted = a.merge(SessionToken.empty(8).with(N1, 1, 3));
        assertTrue(restarted.unprovable(1), "n1's epoch-0 state of partition 1 can no longer be proved");
        assertFalse(restarted.unprovable(3));
        assertEquals(java.util.Map.of(N1, 1L), restarted.requiredFor(3));
        assertEquals(restarted, SessionToken.decode(restarted.encode()));
    }

    @Test
    void malformedTokensAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(new byte[0]));
        byte[] good = SessionToken.empty(64).with(N1, 0, 3).encode();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(java.util.Arrays.copyOf(good, good.length - 1)))
                .getMessage().contains("truncated"));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(trailing)).getMessage().contains("trailing"));
        byte[] huge = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(huge)).getMessage().contains("limit"));
        assertThrows(IllegalArgumentException.class, () -> SessionToken.parse("hello"));
        byte[] pastLast = SessionToken.empty(3).with(N1, 0, 1).encode(); // one bitmap byte, then the unprovable flag
        pastLast[pastLast.length - 2] = (byte) 0xFF; // partitions 3..7 of 3: a later merge would break the token's size bound
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(pastLast)).getMessage().contains("partition 7 of 3"));
    }
}
