package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.chorus.replication.replica.ReplicaTest.KEY;
import static io.chorus.replication.replica.ReplicaTest.bytes;
import static io.chorus.replication.replica.ReplicaTest.failure;
import static io.chorus.replication.replica.ReplicaTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads that carry a session token: read-your-writes and monotonic reads at ONE through any coordinator, or SessionUnsatisfied. */
class SessionReadTest {
    private static final byte[] NEW_SESSION = new byte[0];
    private static final byte ONE = Consistency.ONE.code();

    private static Put put(String value, byte[] session) {
        return new Put(KEY, bytes(value), null, ONE, false, 0, 1, session);
    }

    private static Get get(byte[] session) {
        return new Get(KEY, ONE, session);
    }

    /** A write at ONE via n1 that n2 and n3 missed (their copies lost). */
    private static byte[] writeOnlyTo(TestCluster three, NodeId coordinator, String value, byte[] session) {
        three.dropRule = (to, m) -> m instanceof ReplicaWrite;
        WriteResult w = assertInstanceOf(WriteResult.class, three.call(coordinator, put(value, session)));
        three.dropRule = (to, m) -> false;
        assertEquals(session == null, w.session() == null, "a request with a token, and only one, gets the updated token back");
        return w.session();
    }

    @Test
    void aSessionReadsItsWriteAtOneThroughACoordinatorWhoseReplicaMissedIt() {
        TestCluster three = new TestCluster(3);
        byte[] token = writeOnlyTo(three, three.node(1), "v1", NEW_SESSION);
        assertEquals(List.of(), values(three.call(three.node(3), get(null))), "without the token, ONE at n3 is stale: n3 missed it");
        GetResult read = assertInstanceOf(GetResult.class, three.call(three.node(3), get(token)));
        assertEquals(List.of("v1"), values(read));
        assertNotNull(read.session());
    }

    @Test
    void readsAreMonotonicThroughEveryCoordinator() {
        TestCluster three = new TestCluster(3);
        writeOnlyTo(three, three.node(1), "v1", null); // someone else's write, only on n1
        byte[] token = assertInstanceOf(GetResult.class, three.call(three.node(1), get(NEW_SESSION))).session();
        for (int i = 2; i <= 3; i++) {
            assertEquals(List.of("v1"), values(three.call(three.node(i), get(token))), "read via n" + i + " went back in time");
        }
    }

    @Test
    void aCounterIncrementIsReadAtOneThroughACoordinatorThatMissedIt() {
        TestCluster three = new TestCluster(3);
        Key hits = Key.of("hits");
        three.dropRule = (to, m) -> m instanceof ReplicaWrite;
        WriteResult w = assertInstanceOf(WriteResult.class, three.call(three.node(1),
                new CrdtUpdate(hits, new CounterAdd(5), 2, 1, ONE, false, NEW_SESSION)));
        three.dropRule = (to, m) -> false;
        NodeId minter = three.topology.replicasOf(hits).get(0);
        NodeId other = three.topology.replicasOf(hits).get(2);
        assertEquals(List.of(Map.of(minter, 0L)), SessionToken.decode(w.session()).proofsFor(three.topology.partitionOf(hits)));
        CrdtValue stale = assertInstanceOf(CrdtValue.class, three.call(other, new CrdtGet(hits, CrdtType.PN_COUNTER, ONE)));
        assertEquals(0, ((PnCounter) CrdtCodec.decode(stale.value())).value(), "without the token, ONE at a replica that missed it is stale");
        CrdtValue read = assertInstanceOf(CrdtValue.class, three.call(other, new CrdtGet(hits, CrdtType.PN_COUNTER, ONE, w.session())));
        assertEquals(5, ((PnCounter) CrdtCodec.decode(read.value())).value());
    }

    /**
     * A write at QUORUM is held by every replica that acknowledged it, so any of them proves it: with
     * its minter down, a read at ONE through the replica that missed it asks the other acknowledger
     * and sees the write (a token naming the minter alone would fail SessionUnsatisfied here).
     */
    @Test
    void aQuorumWritesReadSurvivesItsMinterGoingDown() {
        TestCluster three = new TestCluster(3);
        List<NodeId> replicas = three.topology.replicasOf(KEY);
        NodeId missed = replicas.get(2);
        three.dropRule = (to, m) -> m instanceof ReplicaWrite && to.equals(missed);
        WriteResult w = assertInstanceOf(WriteResult.class, three.call(replicas.get(0),
                new Put(KEY, bytes("v1"), null, Consistency.QUORUM.code(), false, 0, 1, NEW_SESSION)));
        three.dropRule = (to, m) -> false;
        List<Map<NodeId, Long>> proofs = SessionToken.decode(w.session()).proofsFor(three.topology.partitionOf(KEY));
        assertEquals(List.of(Map.of(replicas.get(0), 0L, replicas.get(1), 0L)), proofs, "one set: the two replicas that stored it");

        three.stop(replicas.get(0));
        GetResult read = assertInstanceOf(GetResult.class, three.call(missed, get(w.session())));
        assertEquals(List.of("v1"), values(read));
    }

    /**
     * Whoever a write's token names must hold all the answer's context covers: replicas merge the
     * minted delta, and the minter's context may cover versions they never got (naming every
     * acknowledger regardless let simulator seeds 22, 52 and 174 read less than a session's write
     * covered). Here a version and its delete exist on the minter only, then a blind write at QUORUM.
     */
    @Test
    void everyNodeAWritesTokenNamesHoldsAllItsContextCovers() {
        TestCluster three = new TestCluster(3);
        List<NodeId> replicas = three.topology.replicasOf(KEY);
        NodeId minter = replicas.get(0);
        writeOnlyTo(three, minter, "other", null);
        GetResult seen = assertInstanceOf(GetResult.class, three.call(minter, get(null)));
        three.dropRule = (to, m) -> m instanceof ReplicaWrite;
        three.call(minter, new io.chorus.replication.message.Delete(KEY, seen.context(), ONE, false, 0, 1, null));
        three.dropRule = (to, m) -> false;
        WriteResult w = assertInstanceOf(WriteResult.class, three.call(minter,
                new Put(KEY, bytes("mine"), null, Consistency.QUORUM.code(), false, 0, 1, NEW_SESSION)));
        var answered = three.storages.get(minter).get(KEY).context();
        List<Map<NodeId, Long>> proofs = SessionToken.decode(w.session()).proofsFor(three.topology.partitionOf(KEY));
        assertEquals(1, proofs.size(), proofs.toString());
        for (NodeId node : proofs.get(0).keySet()) {
            assertTrue(three.storages.get(node).get(KEY).context().descends(answered), node + " is named but lacks part of " + answered);
        }
    }

    /**
     * A session read whose answer waited for its blocking read repair: the replica it repaired holds
     * the answer too and proves it, so the read survives the replica that had it first going down.
     */
    @Test
    void aReplicaABlockingRepairBroughtUpProvesTheRead() {
        TestCluster three = new TestCluster(3);
        List<NodeId> replicas = three.topology.replicasOf(KEY);
        writeOnlyTo(three, replicas.get(0), "v1", null);
        GetResult read = assertInstanceOf(GetResult.class, three.call(replicas.get(1), new Get(KEY, Consistency.QUORUM.code(), NEW_SESSION)));
        assertTrue(read.readRepair(), "the coordinator was behind and repaired");
        List<Map<NodeId, Long>> proofs = SessionToken.decode(read.session()).proofsFor(three.topology.partitionOf(KEY));
        assertEquals(1, proofs.size(), proofs.toString());
        assertTrue(proofs.get(0).keySet().containsAll(List.of(replicas.get(0), replicas.get(1))), "the holder and the repaired: " + proofs);

        three.stop(replicas.get(0));
        assertEquals(List.of("v1"), values(three.call(replicas.get(2), get(read.session()))));
    }

    @Test
    void anIgnoredTokenIsCaughtByTheseTests() {
        TestCluster broken = new TestCluster(3, ReplicaConfig.DEFAULTS, EnumSet.of(InjectedBug.IGNORE_SESSION_TOKEN));
        byte[] token = writeOnlyTo(broken, broken.node(1), "v1", NEW_SESSION);
        assertEquals(List.of(), values(broken.call(broken.node(3), get(token))), "the injected bug serves stale data");
    }

    @Test
    void aNodeThatRestartedUncleanlyCannotProveTheTokenSoTheReadFailsInsteadOfGoingStale() {
        TestCluster three = new TestCluster(3);
        byte[] token = writeOnlyTo(three, three.node(1), "v1", NEW_SESSION);
        three.stop(three.node(1));
        three.start(three.node(1), 1, Set.of()); // a new actor epoch: it may have lost writes
        three.tick(three.config.heartbeatIntervalTicks() + 1);
        var f = failure(three.call(three.node(3), get(token)));
        assertEquals(ErrorKind.SESSION_UNSATISFIED, f.kind());
        assertTrue(f.message().contains("epoch 1") && f.message().contains("epoch 0"), f.message());
    }

    @Test
    void aRequiredReplicaThatIsDownMeansSessionUnsatisfiedAtTheDeadline() {
        TestCluster three = new TestCluster(3);
        byte[] token = writeOnlyTo(three, three.node(1), "v1", NEW_SESSION);
        three.stop(three.node(1));
        long id = three.request(three.node(3), get(token));
        three.deliverAll();
        assertNull(three.replies.get(id), "waits for n1 up to the timeout");
        three.tick(three.config.requestTimeoutTicks());
        var f = failure(three.replies.get(id));
        assertEquals(ErrorKind.SESSION_UNSATISFIED, f.kind());
        assertTrue(f.message().contains("n1"), f.message());
    }

    /**
     * Simulator seed 122: a retried put that found its first attempt applied answers with the merge
     * of every replica's state, so its token must name replicas holding that whole merge, not only the
     * one holding the operation; else a later read at ONE from that holder misses what the session saw.
     * The merge is what is then replicated, so its acknowledgers do.
     */
    @Test
    void aSettledRetryGivesATokenCoveringEveryReplicaItsContextCameFrom() {
        TestCluster three = new TestCluster(3);
        NodeId n1 = three.node(1), n2 = three.node(2), n3 = three.node(3);
        writeOnlyTo(three, n2, "other", null); // someone else's write, only on n2
        long operation = 1_000_000L << 20;
        three.dropRule = (to, m) -> m instanceof ReplicaWrite; // the first attempt stays on its minter n1
        long first = three.request(n1, new Put(KEY, bytes("mine"), null, Consistency.ALL.code(), false, operation, 1, NEW_SESSION));
        three.deliverAll();
        three.tick(three.config.requestTimeoutTicks());
        assertEquals(ErrorKind.TIMEOUT, failure(three.replies.get(first)).kind());
        three.dropRule = (to, m) -> m instanceof ReplicaWrite && !to.equals(n3); // the settled merge reaches n3 only
        WriteResult retried = assertInstanceOf(WriteResult.class,
                three.call(n3, new Put(KEY, bytes("mine"), null, ONE, false, operation, 2, NEW_SESSION)));
        three.dropRule = (to, m) -> false;
        assertEquals(List.of(Map.of(n3, 0L)), SessionToken.decode(retried.session()).proofsFor(three.topology.partitionOf(KEY)),
                "n3 stored the whole merge the answer covers, so it alone proves it (not every replica the settlement read)");
        GetResult read = assertInstanceOf(GetResult.class, three.call(n1, get(retried.session())));
        assertEquals(Set.of("mine", "other"), Set.copyOf(values(read)),
                "the retry answered with a context covering both values; a read with its token must see both");
    }

    @Test
    void aTokenOfAnotherClusterShapeIsAnInvalidRequest() {
        TestCluster three = new TestCluster(3);
        byte[] foreign = SessionToken.empty(7).with(NodeId.of("n1"), 0, 3).encode();
        assertEquals(ErrorKind.INVALID_REQUEST, failure(three.call(three.node(1), get(foreign))).kind());
        assertEquals(ErrorKind.INVALID_REQUEST, failure(three.call(three.node(1), get(new byte[]{1, 2, 3}))).kind());
    }
}
