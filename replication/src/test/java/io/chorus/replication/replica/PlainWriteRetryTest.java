package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.chorus.replication.replica.ReplicaTest.KEY;
import static io.chorus.replication.replica.ReplicaTest.bytes;
import static io.chorus.replication.replica.ReplicaTest.contextOf;
import static io.chorus.replication.replica.ReplicaTest.failure;
import static io.chorus.replication.replica.ReplicaTest.keyNotReplicatedBy;
import static io.chorus.replication.replica.ReplicaTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain puts with operation ids: a retry through any coordinator applies once; a refusal stays a refusal. */
class PlainWriteRetryTest {
    private static final long OPERATION = 1_000_000L << 20; // even, as a client's

    private static Put put(Key key, String value, byte[] context, long operationId, int attempt) {
        return new Put(key, bytes(value), context, Consistency.ALL.code(), false, operationId, attempt, null);
    }

    @Test
    void aPutRetriedAfterALostReplyThroughAnotherCoordinatorYieldsOneValue() {
        TestCluster three = new TestCluster(3);
        NodeId first = three.node(1), second = three.node(2);
        three.dropRule = (to, m) -> m instanceof ReplicaWrite; // the first attempt stays on its minter: no ack, no reply
        long id = three.request(first, put(KEY, "once", null, OPERATION, 1));
        three.deliverAll();
        three.tick(three.config.requestTimeoutTicks());
        assertEquals(ErrorKind.TIMEOUT, failure(three.replies.get(id)).kind());
        three.dropRule = (to, m) -> false;
        assertInstanceOf(WriteResult.class, three.call(second, put(KEY, "once", null, OPERATION, 2)));
        assertEquals(List.of("once"), values(three.call(three.node(3), new Get(KEY, Consistency.ALL.code()))));
    }

    @Test
    void aRetryOfARefusedPutIsRefusedAgainEvenOnceThereIsRoom() {
        TestCluster three = new TestCluster(3, ReplicaConfig.DEFAULTS.withSiblingsMax(2), EnumSet.noneOf(InjectedBug.class));
        NodeId a = three.node(1);
        three.call(a, put(KEY, "1", null, OPERATION, 1));
        three.call(a, put(KEY, "2", null, OPERATION + 2, 1));
        assertEquals(ErrorKind.TOO_MANY_SIBLINGS, failure(three.call(a, put(KEY, "3", null, OPERATION + 4, 1))).kind());
        byte[] context = contextOf(three.call(a, new Get(KEY, Consistency.ALL.code())));
        assertInstanceOf(WriteResult.class, three.call(a, put(KEY, "resolved", context, OPERATION + 6, 1)));
        ClientResponse retry = three.call(three.node(2), put(KEY, "3", null, OPERATION + 4, 2));
        assertEquals(ErrorKind.TOO_MANY_SIBLINGS, failure(retry).kind(), "its first attempt was refused: nothing may be applied");
        assertEquals(List.of("resolved"), values(three.call(a, new Get(KEY, Consistency.ALL.code()))));
    }

    /** Seeds 21, 75, 91 of --late-duplicates: the refused put reappeared when a late copy of its mint request arrived. */
    @Test
    void aLateCopyOfARefusedMintRequestMintsNothing() {
        TestCluster five = new TestCluster(5, ReplicaConfig.DEFAULTS.withSiblingsMax(2), EnumSet.noneOf(InjectedBug.class));
        NodeId outsider = five.node(1);
        Key key = keyNotReplicatedBy(five, outsider);
        five.call(outsider, put(key, "1", null, OPERATION, 1));
        five.call(outsider, put(key, "2", null, OPERATION + 4, 1));
        List<TestCluster.InFlight> copies = five.copyMintWritesFrom(outsider);
        assertEquals(ErrorKind.TOO_MANY_SIBLINGS, failure(five.call(outsider, put(key, "refused", null, OPERATION + 2, 1))).kind());
        five.dropRule = (to, m) -> false;
        byte[] context = contextOf(five.call(outsider, new Get(key, Consistency.ALL.code())));
        assertInstanceOf(WriteResult.class, five.call(outsider, new Put(key, bytes("resolved"), context, Consistency.ALL.code(), false,
                0, 1, null)), "now there is room for a value");
        NodeId minter = copies.get(0).to();
        five.stop(minter); // the minter forgets the request (its MintLog is in memory)
        five.start(minter, EnumSet.noneOf(InjectedBug.class));
        five.tick(five.config.heartbeatIntervalTicks() + 1);
        five.network.add(copies.get(0)); // the network delivers the late copy
        five.deliverAll();
        assertEquals(List.of("resolved"), values(five.call(five.node(2), new Get(key, Consistency.ALL.code()))));
    }

    /**
     * Simulator seed 112 with late duplicates: a copy of a put's mint request arrived after its minter
     * restarted and after 256 newer writes to the key had pushed the put's id out of the key's
     * applied operations; the minter minted the value a second time.
     */
    @Test
    void aMintRequestOlderThanTheKeysRememberedOperationsMintsNothing() {
        TestCluster five = new TestCluster(5);
        NodeId outsider = five.node(1);
        Key key = keyNotReplicatedBy(five, outsider);
        List<TestCluster.InFlight> copies = five.copyMintWritesFrom(outsider);
        WriteResult old = assertInstanceOf(WriteResult.class, five.call(outsider, put(key, "old", null, OPERATION, 1)));
        five.dropRule = (to, m) -> false;
        byte[] context = old.context();
        for (int i = 1; i <= AppliedOps.CAPACITY; i++) { // each overwrites the last: one value, 256 newer operation ids
            context = assertInstanceOf(WriteResult.class, five.call(outsider, put(key, "new" + i, context, OPERATION + 2L * i, 1))).context();
        }
        NodeId minter = copies.get(0).to();
        five.stop(minter); // it forgets the request (its MintLog is in memory)
        five.start(minter, EnumSet.noneOf(InjectedBug.class));
        five.tick(five.config.heartbeatIntervalTicks() + 1);
        five.network.add(copies.get(0)); // the network delivers the late copy
        five.deliverAll();
        assertEquals(List.of("new" + AppliedOps.CAPACITY), values(five.call(five.node(2), new Get(key, Consistency.ALL.code()))),
                "the late copy of the first put minted it again");
    }

    @Test
    void oddOperationIdsAreRefused() {
        TestCluster three = new TestCluster(3);
        var f = failure(three.call(three.node(1), put(KEY, "x", null, OPERATION + 1, 1)));
        assertEquals(ErrorKind.INVALID_REQUEST, f.kind());
        assertTrue(f.message().contains("odd"), f.message());
    }
}
