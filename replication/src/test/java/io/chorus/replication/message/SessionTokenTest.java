package io.chorus.replication.message;

import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTokenTest {
    private static final NodeId N1 = NodeId.of("n1"), N2 = NodeId.of("n2"), N3 = NodeId.of("n3");
    private static final List<NodeId> NODES = List.of(N1, N2, N3);

    private static Map<NodeId, Long> anyOf(long epoch, NodeId... nodes) {
        TreeMap<NodeId, Long> set = new TreeMap<>();
        for (NodeId node : nodes) set.put(node, epoch);
        return set;
    }

    /**
     * The size is the cluster's shape: a session that touched 100,000 keys of a 3-node cluster, each
     * written at QUORUM (stored by two replicas, varying) and read back from all three.
     */
    @Test
    void aSessionThatTouchedAHundredThousandKeysKeepsATokenOfAFewHundredBytes() {
        Ring ring = Ring.create(NODES, Ring.defaultPartitions(3));
        SessionToken token = SessionToken.empty(ring.partitions());
        long epoch = 1_764_900_000_000L; // a wall-clock epoch, as a new data directory starts in
        for (int i = 0; i < 100_000; i++) {
            int partition = ring.partitionOf(Key.of("user:" + i).bytesUnsafe());
            token = token.withAnyOf(anyOf(epoch, NODES.get(i % 3), NODES.get((i + 1) % 3)), partition);
            if (i % 7 == 0) token = token.withAnyOf(anyOf(epoch, N1, N2, N3), partition); // a read all replicas agreed on: implied
        }
        int bytes = token.encode().length, text = token.export().length();
        System.out.println("[session] 100000 keys, 3 nodes, " + ring.partitions() + " partitions: token " + bytes + " bytes, " + text + " characters exported");
        int partitionBytes = (ring.partitions() + 7) / 8;
        // the documented bound, with every antichain of sets of 3 nodes a group of its own (18 at most; 3 sets of 2 members each at most)
        int bound = 10 + 3 * (2 + 11) + Math.min(ring.partitions(), 18) * (2 + 3 * (1 + 2) + partitionBytes) + partitionBytes;
        assertTrue(bytes <= bound, "over the documented bound " + bound + ": " + bytes);
        assertTrue(bytes <= 400, "a few hundred bytes: " + bytes);
        assertEquals(token, SessionToken.parse(token.export()), "a token survives export and import");
    }

    @Test
    void aSetImpliedByASmallerOneIsDroppedAndMergeIsAUnion() {
        SessionToken a = SessionToken.empty(8).withAnyOf(anyOf(0, N1, N2), 1);
        SessionToken b = SessionToken.empty(8).withAnyOf(anyOf(0, N2, N3), 1).withAnyOf(anyOf(0, N1, N2, N3), 1).with(N3, 0, 5);
        assertEquals(a.merge(b), b.merge(a));
        assertEquals(a.merge(b), a.merge(b).merge(a));
        assertEquals(List.of(anyOf(0, N1, N2), anyOf(0, N2, N3)), a.merge(b).proofsFor(1), "{n1,n2,n3} is implied by either set");
        assertEquals(List.of(anyOf(0, N2)), a.merge(b).with(N2, 0, 1).proofsFor(1), "{n2} implies both");
        assertEquals(List.of(anyOf(0, N3)), a.merge(b).proofsFor(5));
        assertEquals(List.of(), a.proofsFor(5));
        assertEquals(a.merge(b), SessionToken.decode(a.merge(b).encode()));
    }

    @Test
    void aNodeInANewEpochLeavesEverySetAndASetLeftEmptyMakesItsPartitionUnprovable() {
        SessionToken token = SessionToken.empty(8).withAnyOf(anyOf(0, N1, N2), 1).with(N1, 0, 2);
        SessionToken restarted = token.merge(SessionToken.empty(8).with(N1, 1, 3));
        assertEquals(List.of(anyOf(0, N2)), restarted.proofsFor(1), "n2 still proves partition 1");
        assertFalse(restarted.unprovable(1));
        assertTrue(restarted.unprovable(2), "only n1 in epoch 0 held what the session saw in partition 2");
        assertEquals(List.of(Map.of(N1, 1L)), restarted.proofsFor(3));
        assertEquals(restarted, token.with(N1, 1, 3), "the same, whichever way the new epoch arrives");
        assertTrue(restarted.with(N1, 0, 4).unprovable(4), "a fact about n1's old epoch, learnt later, is not provable either");
        assertEquals(restarted, SessionToken.decode(restarted.encode()));
    }

    @Test
    void pastTheLimitTwoSetsBecomeTheirIntersection() {
        List<NodeId> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) many.add(NodeId.of("n" + i));
        SessionToken token = SessionToken.empty(4);
        for (int i = 1; i <= SessionToken.SETS_MAX + 1; i++) token = token.withAnyOf(anyOf(0, many.get(0), many.get(i), many.get(i + 20)), 2);
        List<Map<NodeId, Long>> sets = token.proofsFor(2);
        assertEquals(List.of(Map.of(many.get(0), 0L)), sets, "every set shares n0: narrowed to it, which hits them all");
        SessionToken disjoint = SessionToken.empty(4);
        for (int i = 0; i <= SessionToken.SETS_MAX; i++) disjoint = disjoint.withAnyOf(anyOf(0, many.get(2 * i), many.get(2 * i + 1)), 2);
        assertTrue(disjoint.unprovable(2), "disjoint sets past the limit: nothing narrower is sound");
    }

    /** A token a client kept from before format 2 ({@code cs1.}): every node it named is required, a set of one each. */
    @Test
    void aFormatOneTokenIsReadAsSetsOfOneNode() {
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        v1.writeBytes(new byte[]{1, 8, 2});              // format 1, 8 partitions, 2 nodes
        v1.writeBytes(new byte[]{2, 'n', '1', 0, 0b110}); // n1, epoch 0, partitions 1 and 2
        v1.writeBytes(new byte[]{2, 'n', '2', 3, 0b100}); // n2, epoch 3, partition 2
        v1.write(0);                                      // nothing unprovable
        SessionToken token = SessionToken.parse("cs1." + Base64.getUrlEncoder().withoutPadding().encodeToString(v1.toByteArray()));
        assertEquals(List.of(Map.of(N1, 0L)), token.proofsFor(1));
        assertEquals(List.of(Map.of(N1, 0L), Map.of(N2, 3L)), token.proofsFor(2));
        assertTrue(token.export().startsWith("cs2."));
    }

    @Test
    void malformedTokensAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(new byte[0]));
        byte[] good = SessionToken.empty(64).with(N1, 0, 3).encode();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(java.util.Arrays.copyOf(good, good.length - 1)))
                .getMessage().contains("truncated"));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(trailing)).getMessage().contains("trailing"));
        byte[] huge = {2, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(huge)).getMessage().contains("limit"));
        assertThrows(IllegalArgumentException.class, () -> SessionToken.parse("hello"));
        // format 2, 3 partitions, node n1 epoch 0, one group: one set {node 0}, partitions as a list: 1 partition, gap 7
        byte[] pastLast = {2, 3, 1, 2, 'n', '1', 0, 1, 1, 1, 0, 0, 1, 7, 0};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(pastLast)).getMessage().contains("partition 7 of 3"));
        byte[] badIndex = {2, 3, 1, 2, 'n', '1', 0, 1, 1, 1, 5, 0, 1, 0, 0};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(badIndex)).getMessage().contains("node index"));
    }

    /** A few bytes must not claim gigabytes: one group of big sets over every partition is refused before it is expanded. */
    @Test
    void aTokenThatWouldExpandPastTheMembershipLimitIsRefused() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[]{2, (byte) 0x80, (byte) 0x80, 0x04}); // format 2, 65536 partitions
        int nodes = 64;
        bytes.writeBytes(new byte[]{(byte) nodes});
        for (int i = 0; i < nodes; i++) bytes.writeBytes(new byte[]{2, 'm', (byte) ('A' + i), 0});
        bytes.write(1);                                   // one group
        bytes.write(SessionToken.SETS_MAX);
        for (int s = 0; s < SessionToken.SETS_MAX; s++) {
            bytes.write(nodes);
            for (int i = 0; i < nodes; i++) bytes.write(i);
        }
        bytes.write(1);                                   // partitions as a bitmap: all of them
        byte[] all = new byte[65536 / 8];
        java.util.Arrays.fill(all, (byte) 0xFF);
        bytes.writeBytes(all);
        bytes.write(0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionToken.decode(bytes.toByteArray())).getMessage().contains("memberships"));
    }
}
