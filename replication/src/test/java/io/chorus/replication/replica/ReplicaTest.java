package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.state.Consistency;

import io.chorus.replication.state.KeyState;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.MintWrite;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scripted scenarios of replicas talking through the codec: the end-to-end cases, minus sockets. */
class ReplicaTest {
    static final Key KEY = Key.of("greeting");

    final TestCluster cluster = new TestCluster(3);
    final NodeId n1 = cluster.node(1), n2 = cluster.node(2), n3 = cluster.node(3);

    @Test
    void aQuorumWriteIsReadAtOneThroughAnotherCoordinator() {
        assertInstanceOf(WriteResult.class, cluster.call(n1, put("hello", null, "QUORUM")));
        assertEquals(List.of("hello"), values(cluster.call(n2, new Get(KEY, Consistency.ONE.code()))));
        assertEquals(List.of("hello"), values(cluster.call(n3, new Get(KEY, Consistency.ONE.code()))));
    }

    @Test
    void resultsNameTheReplicasBehindThemForTheClientsReceipt() {
        WriteResult written = assertInstanceOf(WriteResult.class, cluster.call(n1, put("hello", null, "ALL")));
        assertEquals(List.of("n1", "n2", "n3"), List.of(written.ackedBy()), "every replica acknowledged an ALL write");
        GetResult read = assertInstanceOf(GetResult.class, cluster.call(n2, new Get(KEY, Consistency.QUORUM.code())));
        assertEquals(2, read.answeredBy().length, "a QUORUM read merges two answers: " + List.of(read.answeredBy()));
        assertEquals("n2", read.answeredBy()[0], "the coordinator asks itself first");
        assertFalse(read.readRepair(), "both were up to date");
    }

    @Test
    void withOneNodeDownQuorumWorksAndAllFailsAtOnce() {
        cluster.call(n1, put("hello", null, "ALL"));
        cluster.stop(n3);
        assertInstanceOf(WriteResult.class, cluster.call(n1, put("again", null, "QUORUM")));
        assertEquals(2, values(cluster.call(n2, new Get(KEY, Consistency.QUORUM.code()))).size(), "a blind write adds a sibling");

        long id = cluster.request(n1, put("all", null, "ALL"));
        Failure failure = assertInstanceOf(Failure.class, cluster.replies.get(id), "answered before any message or tick");
        assertEquals(ErrorKind.UNAVAILABLE, failure.kind());
        assertTrue(failure.message().startsWith("(need 3, alive 2)"), failure.message());
        assertTrue(failure.message().contains("down: [n3]"), failure.message());
        assertEquals(ErrorKind.UNAVAILABLE, failure(cluster.call(n2, new Get(KEY, Consistency.ALL.code()))).kind());
    }

    @Test
    void aRestartedNodeStillHasItsDataAndCatchesUp() {
        cluster.call(n1, put("hello", null, "ALL"));
        cluster.stop(n3);
        cluster.call(n1, new Delete(KEY, contextOf(cluster.call(n1, new Get(KEY, Consistency.QUORUM.code()))), Consistency.QUORUM.code(), false));
        cluster.start(n3, EnumSet.noneOf(InjectedBug.class));
        assertEquals(List.of("hello"), liveValues(n3), "storage survives the crash; the delete was missed");
        cluster.tick(cluster.config.heartbeatIntervalTicks() + 1); // peers hear n3 again
        assertTrue(cluster.replicas.get(n1).isAlive(n3));
        assertEquals(List.of(), values(cluster.call(n3, new Get(KEY, Consistency.ALL.code()))), "a missed delete cannot resurrect the value");
        assertEquals(List.of(), liveValues(n3), "read repair gave n3 the tombstone");
    }

    @Test
    void antiEntropyRepairsAReplicaWithoutAnyRead() {
        cluster.stop(n3);
        for (int i = 0; i < 20; i++) cluster.call(n1, new Put(Key.of("k" + i), bytes("v" + i), null, Consistency.QUORUM.code(), false));
        cluster.start(n3, EnumSet.noneOf(InjectedBug.class));
        assertEquals(0, cluster.storages.get(n3).size());
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        long onN3 = cluster.storages.get(n3).size();
        assertEquals(20, onN3, "anti-entropy copied every key n3 replicates (all of them: N = 3 nodes)");
        for (int i = 0; i < 20; i++) {
            Key k = Key.of("k" + i);
            assertEquals(cluster.storages.get(n1).get(k), cluster.storages.get(n3).get(k));
        }
    }

    @Test
    void twoBlindWritesAreSiblingsAndTheReadsContextResolvesThem() {
        cluster.call(n1, put("a", null, "QUORUM"));
        cluster.call(n2, put("b", null, "QUORUM"));
        ClientResponse read = cluster.call(n3, new Get(KEY, Consistency.QUORUM.code()));
        assertEquals(List.of("a", "b"), values(read).stream().sorted().toList());
        cluster.call(n3, put("c", contextOf(read), "QUORUM"));
        assertEquals(List.of("c"), values(cluster.call(n1, new Get(KEY, Consistency.ALL.code()))));
    }

    @Test
    void aWriteReturnsAContextThatSupersedesIt() {
        WriteResult first = assertInstanceOf(WriteResult.class, cluster.call(n1, put("a", null, "ALL")));
        cluster.call(n2, put("b", first.context(), "ALL"));
        assertEquals(List.of("b"), values(cluster.call(n3, new Get(KEY, Consistency.ALL.code()))));
    }

    @Test
    void badRequestsAreRefusedWithTheReasonAndChangeNothing() {
        ReplicaConfig c = cluster.config;
        assertInvalid(cluster.call(n1, new Put(Key.of(""), bytes("x"), null, Consistency.ONE.code(), false)), "key is empty");
        assertInvalid(cluster.call(n1, new Put(Key.wrap(new byte[c.keyBytesMax() + 1]), bytes("x"), null, Consistency.ONE.code(), false)), "keyBytesMax=1024");
        assertInvalid(cluster.call(n1, new Put(KEY, new byte[c.valueBytesMax() + 1], null, Consistency.ONE.code(), false)), "valueBytesMax=1048576");
        assertInvalid(cluster.call(n1, new Put(KEY, bytes("x"), null, (byte) 9, false)),
                "unknown consistency code 9 (expected 1=ONE, 2=TWO, 3=QUORUM, 4=ALL)");
        assertInvalid(cluster.call(n1, new Get(KEY, (byte) 0)), "unknown consistency code 0");
        assertInvalid(cluster.call(n1, new Put(KEY, bytes("x"), new byte[]{1, 5}, Consistency.ONE.code(), false)), "context");
        assertInvalid(cluster.call(n1, new Put(KEY, null, null, Consistency.ONE.code(), false)), "value is missing");
        for (NodeId n : List.of(n1, n2, n3)) assertEquals(0, cluster.storages.get(n).size(), "nothing applied");
        assertInstanceOf(WriteResult.class, cluster.call(n1, put("fine", null, "ALL")), "the node is unharmed");
    }

    @Test
    void aLevelTheReplicationFactorCannotMeetIsInvalid() {
        TestCluster single = new TestCluster(1);
        assertInvalid(single.call(single.node(1), put("x", null, "TWO")), "replication factor is 1");
        assertInstanceOf(WriteResult.class, single.call(single.node(1), put("x", null, "ALL")));
    }

    @Test
    void aCoordinatorOutsideThePreferenceListAsksAReplicaToMint() {
        TestCluster five = new TestCluster(5);
        NodeId outsider = five.node(1);
        Key key = keyNotReplicatedBy(five, outsider);
        List<String> mints = new ArrayList<>();
        five.dropRule = (to, m) -> {
            if (m instanceof MintWrite) mints.add(to.name());
            return false;
        };
        assertInstanceOf(WriteResult.class, five.call(outsider, new Put(key, bytes("v"), null, Consistency.ALL.code(), false)));
        assertEquals(1, mints.size(), "exactly one replica minted the write");
        assertNull(five.storages.get(outsider).get(key), "the coordinator stores nothing it does not replicate");
        assertEquals(List.of("v"), values(five.call(five.node(2), new Get(key, Consistency.ALL.code()))));
    }

    @Test
    void aDuplicatedMintRequestMintsOnce() {
        TestCluster five = new TestCluster(5);
        NodeId outsider = five.node(1);
        Key key = keyNotReplicatedBy(five, outsider);
        five.duplicateRule = m -> m instanceof MintWrite;
        assertInstanceOf(WriteResult.class, five.call(outsider, new Put(key, bytes("once"), null, Consistency.ALL.code(), false)));
        five.tick(5);
        assertEquals(List.of("once"), values(five.call(five.node(2), new Get(key, Consistency.ALL.code()))),
                "a duplicated MintWrite must not store the write under a second dot");
    }

    /** The duplicate arrives after the minter restarted, with no memory of the first copy. */
    @Test
    void aMintRequestDuplicatedAcrossTheMintersRestartMintsOnce() {
        TestCluster five = new TestCluster(5);
        NodeId outsider = five.node(1);
        Key key = keyNotReplicatedBy(five, outsider);
        List<TestCluster.InFlight> copies = five.copyMintWritesFrom(outsider);
        assertInstanceOf(WriteResult.class, five.call(outsider, new Put(key, bytes("once"), null, Consistency.ALL.code(), false)));
        NodeId minter = copies.get(0).to();
        five.stop(minter);
        five.start(minter, EnumSet.noneOf(InjectedBug.class));
        five.network.add(copies.get(0));                  // the network delivers the late duplicate
        five.deliverAll();
        five.tick(five.config.heartbeatIntervalTicks() + 1);
        assertEquals(List.of("once"), values(five.call(five.node(2), new Get(key, Consistency.ALL.code()))));
    }

    @Test
    void unansweredWritesTimeOutAndSayHowManyAcked() {
        cluster.dropRule = (to, m) -> m instanceof ReplicaWriteAck;
        long id = cluster.request(n1, put("x", null, "QUORUM"));
        cluster.deliverAll();
        assertNull(cluster.replies.get(id));
        cluster.tick(cluster.config.requestTimeoutTicks());
        Failure f = failure(cluster.replies.get(id));
        assertEquals(ErrorKind.TIMEOUT, f.kind());
        assertTrue(f.message().startsWith("(need 2, acked 1)"), f.message());
        assertEquals(0, cluster.replicas.get(n1).inFlightCount(), "a timed-out op is forgotten");
    }

    @Test
    void tooManySiblingsIsRefusedWithNothingApplied() {
        TestCluster small = new TestCluster(3, ReplicaConfig.DEFAULTS.withSiblingsMax(2), EnumSet.noneOf(InjectedBug.class));
        NodeId a = small.node(1);
        small.call(a, put("1", null, "ALL"));
        small.call(a, put("2", null, "ALL"));
        Failure f = failure(small.call(a, put("3", null, "ALL")));
        assertEquals(ErrorKind.TOO_MANY_SIBLINGS, f.kind());
        assertTrue(f.message().contains("siblingsMax=2") && f.message().contains("context"), f.message());
        assertEquals(2, small.storages.get(a).get(KEY).size());
        ClientResponse read = small.call(a, new Get(KEY, Consistency.ALL.code()));
        assertInstanceOf(WriteResult.class, small.call(a, put("resolved", contextOf(read), "ALL")), "writing back with the context resolves");
    }

    @Test
    void theInjectedBugAcknowledgesBeforeAQuorumStored() {
        TestCluster buggy = new TestCluster(3, ReplicaConfig.DEFAULTS, EnumSet.of(InjectedBug.ACK_BEFORE_QUORUM));
        buggy.dropRule = (to, m) -> m instanceof ReplicaWrite;
        assertInstanceOf(WriteResult.class, buggy.call(buggy.node(1), put("x", null, "QUORUM")),
                "with the bug, one stored copy is acknowledged as a quorum");
        cluster.dropRule = (to, m) -> m instanceof ReplicaWrite;
        assertNull(cluster.call(n1, put("x", null, "QUORUM")), "without it, the write waits");
    }

    @Test
    void readsAskOnlyAsManyReplicasAsTheyNeed() {
        cluster.call(n1, put("hello", null, "ALL"));
        List<String> asked = new ArrayList<>();
        cluster.dropRule = (to, m) -> {
            if (m instanceof io.chorus.replication.message.ReplicaRead) asked.add(to.name());
            return false;
        };
        long one = cluster.request(n1, new Get(KEY, Consistency.ONE.code()));
        assertEquals(List.of("hello"), values(cluster.replies.get(one)), "a replica answers ONE from its own copy, at once");
        assertEquals(2, asked.size(), "then asks the other replicas, to repair them in the background if behind");
        cluster.deliverAll();
        asked.clear();
        long quorum = cluster.request(n1, new Get(KEY, Consistency.QUORUM.code()));
        assertEquals(1, asked.size(), "QUORUM of 3 asks this node and one peer");
        cluster.deliverAll();
        assertEquals(List.of("hello"), values(cluster.replies.get(quorum)));
        assertEquals(2, asked.size(), "and the third once answered");
    }

    @Test
    void aSilentReplicaIsCoveredBySpeculation() {
        cluster.call(n1, put("hello", null, "ALL"));
        NodeId silent = cluster.membership.ring().preferenceList(KEY.bytesUnsafe(), 3).primaries().stream()
                .filter(n -> !n.equals(n1)).findFirst().orElseThrow();
        cluster.dropRule = (to, m) -> to.equals(silent) && m instanceof io.chorus.replication.message.ReplicaRead;
        long id = cluster.request(n1, new Get(KEY, Consistency.QUORUM.code()));
        cluster.deliverAll();
        int ticks = 0;
        while (cluster.replies.get(id) == null && ticks < cluster.config.requestTimeoutTicks()) {
            cluster.tick(1);
            ticks++;
        }
        assertEquals(List.of("hello"), values(cluster.replies.get(id)));
        assertTrue(ticks <= cluster.config.readSpeculationTicks() + 1, "answered after " + ticks + " ticks, not a timeout");
    }

    @Test
    void describeClusterListsMembersAndRing() {
        ClusterDescription d = assertInstanceOf(ClusterDescription.class, cluster.call(n2, new DescribeCluster()));
        assertArrayEquals(new String[]{"n1", "n2", "n3"}, d.nodeNames());
        assertEquals("127.0.0.1:7402", d.clientAddresses()[1]);
        assertEquals(3, d.replicationFactor());
        assertEquals(256, d.partitions());
    }

    // ---- helpers -------------------------------------------------------------------------------

    static Key keyNotReplicatedBy(TestCluster c, NodeId node) {
        var ring = c.membership.ring();
        for (int i = 0; ; i++) {
            Key k = Key.of("key" + i);
            if (!ring.preferenceList(k.bytesUnsafe(), 3).contains(node)) return k;
        }
    }

    List<String> liveValues(NodeId node) {
        KeyState s = cluster.storages.get(node).get(KEY);
        List<String> out = new ArrayList<>();
        if (s != null) s.liveValues().forEach(v -> out.add(new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    static Put put(String value, byte[] context, String level) {
        return new Put(KEY, bytes(value), context, Consistency.parse(level).code(), false);
    }

    static List<String> values(ClientResponse r) {
        GetResult g = assertInstanceOf(GetResult.class, r, () -> "expected a value, got " + r);
        List<String> out = new ArrayList<>();
        for (byte[] v : g.values()) out.add(new String(v, StandardCharsets.UTF_8));
        return out;
    }

    static byte[] contextOf(ClientResponse r) {
        byte[] context = assertInstanceOf(GetResult.class, r).context();
        assertNotNull(CausalContext.decode(context));
        return context;
    }

    static Failure failure(ClientResponse r) {
        return assertInstanceOf(Failure.class, r, () -> "expected a failure, got " + r);
    }

    static void assertInvalid(ClientResponse r, String expectedInMessage) {
        Failure f = failure(r);
        assertEquals(ErrorKind.INVALID_REQUEST, f.kind(), f.message());
        assertTrue(f.message().contains(expectedInMessage), "\"" + f.message() + "\" should mention " + expectedInMessage);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
