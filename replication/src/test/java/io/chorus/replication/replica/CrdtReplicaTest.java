package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.state.Consistency;

import io.chorus.replication.state.KeyState;
import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.crdt.type.CrdtType;
import io.chorus.crdt.type.OrMap;
import io.chorus.crdt.type.OrSet;
import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.FlagSet;
import io.chorus.replication.crdt.MapUpdate;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetRemove;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtMint;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CRDT keys through the replicas: no siblings, retries applied once, types fixed by the first write. */
class CrdtReplicaTest {
    static final Key HITS = Key.of("hits");

    final TestCluster cluster = new TestCluster(3);
    final NodeId n1 = cluster.node(1), n2 = cluster.node(2), n3 = cluster.node(3);
    long nextOperationId = 1;

    @Test
    void incrementsThroughEveryCoordinatorAddUp() {
        for (int i = 0; i < 30; i++) {
            assertInstanceOf(WriteResult.class, update(cluster.node(1 + i % 3), HITS, new CounterAdd(2), "QUORUM"));
        }
        update(n2, HITS, new CounterAdd(-5), "ALL");
        assertEquals(55, counter(n3, "ONE"));
        assertEquals(55, counter(n1, "ALL"));
    }

    /** A lost reply: the client retries the same operation id through another coordinator. */
    @Test
    void aRetriedIncrementCountsOnce() {
        long operationId = nextOperationId++;
        cluster.call(n1, new CrdtUpdate(HITS, new CounterAdd(1), operationId, 1, Consistency.QUORUM.code(), false)); // its reply is "lost"
        assertInstanceOf(WriteResult.class, cluster.call(n2, new CrdtUpdate(HITS, new CounterAdd(1), operationId, 2, Consistency.QUORUM.code(), false)));
        assertInstanceOf(WriteResult.class, cluster.call(n3, new CrdtUpdate(HITS, new CounterAdd(1), operationId, 3, Consistency.ALL.code(), false)));
        assertEquals(1, counter(n1, "ALL"), "three attempts of one operation count once");
        update(n1, HITS, new CounterAdd(1), "ALL");
        assertEquals(2, counter(n2, "ALL"), "a new operation id counts");
    }

    /**
     * The minter applied the first attempt and crashed before shipping it; the retry must not be
     * applied elsewhere while the crashed replica is down, and is settled without re-applying once
     * it is back.
     */
    @Test
    void aRetryIsSettledNotReappliedWhenTheMinterDiedBeforeShippingIt() {
        NodeId minter = cluster.membership.ring().preferenceList(HITS.bytesUnsafe(), 3).primaries().get(0);
        NodeId other = List.of(n1, n2, n3).stream().filter(n -> !n.equals(minter)).findFirst().orElseThrow();
        long operationId = nextOperationId++;
        cluster.dropRule = (to, m) -> true;                // the minter's delta and replies never leave
        cluster.call(minter, new CrdtUpdate(HITS, new CounterAdd(1), operationId, 1, Consistency.QUORUM.code(), false));
        cluster.dropRule = (to, m) -> false;
        cluster.stop(minter);                              // it crashes with the operation stored
        ClientResponse whileDown = cluster.call(other, new CrdtUpdate(HITS, new CounterAdd(1), operationId, 2, Consistency.QUORUM.code(), false));
        Failure refused = assertInstanceOf(Failure.class, whileDown);
        assertEquals(ErrorKind.UNAVAILABLE, refused.kind());
        assertTrue(refused.message().contains("cannot be settled"), refused.message());

        cluster.start(minter, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(cluster.config.heartbeatIntervalTicks() + 1);
        assertInstanceOf(WriteResult.class, cluster.call(other, new CrdtUpdate(HITS, new CounterAdd(1), operationId, 3, Consistency.QUORUM.code(), false)));
        assertEquals(1, counter(other, "ALL"), "applied once, on the crashed minter, and replicated by the settled retry");
    }

    @Test
    void aRetryOfAnOperationNobodyAppliedIsApplied() {
        long operationId = nextOperationId++;
        assertInstanceOf(WriteResult.class, cluster.call(n2, new CrdtUpdate(HITS, new CounterAdd(4), operationId, 2, Consistency.QUORUM.code(), false)));
        assertEquals(4, counter(n1, "ALL"));
    }

    @Test
    void aDuplicatedMintIsAppliedOnce() {
        TestCluster five = new TestCluster(5);
        NodeId outsider = five.node(1);
        Key key = ReplicaTest.keyNotReplicatedBy(five, outsider);
        five.duplicateRule = m -> m instanceof CrdtMint;
        assertInstanceOf(WriteResult.class, five.call(outsider, new CrdtUpdate(key, new CounterAdd(7), 42, 1, Consistency.ALL.code(), false)));
        CrdtValue v = assertInstanceOf(CrdtValue.class, five.call(five.node(2), new CrdtGet(key, CrdtType.PN_COUNTER, Consistency.ALL.code())));
        assertEquals(7, CrdtCodec.decode(v.value(), PnCounter.class).value());
    }

    @Test
    void setsAreAddWinsAndConverge() {
        update(n1, Key.of("s"), new SetAdd(elements("a", "b")), "ALL");
        cluster.stop(n3);
        update(n1, Key.of("s"), new SetRemove(elements("a")), "QUORUM");
        update(n2, Key.of("s"), new SetAdd(elements("c")), "QUORUM");
        cluster.start(n3, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        for (NodeId n : List.of(n1, n2, n3)) {
            OrSet set = (OrSet) cluster.storages.get(n).get(Key.of("s")).crdt();
            assertEquals(List.of("b", "c"), set.elements().stream().map(Bytes::toUtf8).toList(), "on " + n);
        }
    }

    @Test
    void aKeysTypeIsFixedByItsFirstWrite() {
        update(n1, HITS, new CounterAdd(1), "ALL");
        assertInvalid(update(n2, HITS, new SetAdd(elements("x")), "ALL"), "holds a counter, not a set");
        assertInvalid(cluster.call(n3, new Put(HITS, "plain".getBytes(StandardCharsets.UTF_8), null, Consistency.ALL.code(), false)), "holds a counter");
        assertInvalid(cluster.call(n3, new Get(HITS, Consistency.ALL.code())), "holds a counter");
        assertInvalid(cluster.call(n3, new CrdtGet(HITS, CrdtType.OR_SET, Consistency.ALL.code())), "holds a counter, not a set");

        cluster.call(n1, new Put(Key.of("plain"), "v".getBytes(StandardCharsets.UTF_8), null, Consistency.ALL.code(), false));
        assertInvalid(update(n1, Key.of("plain"), new CounterAdd(1), "ALL"), "holds plain values, not a counter");
        assertInvalid(cluster.call(n2, new CrdtGet(Key.of("plain"), CrdtType.PN_COUNTER, Consistency.ALL.code())), "holds plain values");
        assertEquals(1, counter(n1, "ALL"), "nothing was applied by the refused operations");
    }

    @Test
    void badOperationsAreInvalid() {
        assertInvalid(update(n1, Key.of("m"), new MapUpdate("", new FlagSet(true)), "ONE"), "map field name is empty");
        assertInvalid(update(n1, Key.of("s"), new SetAdd(new byte[0][]), "ONE"), "names no element");
        assertInvalid(update(n1, Key.of("s"), new SetAdd(new byte[][]{new byte[cluster.config.valueBytesMax() + 1]}), "ONE"), "valueBytesMax");
    }

    @Test
    void nestedMapsWork() {
        Key profile = Key.of("profile");
        update(n1, profile, new MapUpdate("visits", new CounterAdd(3)), "ALL");
        update(n2, profile, new MapUpdate("tags", new SetAdd(elements("x"))), "ALL");
        CrdtValue v = assertInstanceOf(CrdtValue.class, cluster.call(n3, new CrdtGet(profile, CrdtType.OR_MAP, Consistency.QUORUM.code())));
        OrMap map = CrdtCodec.decode(v.value(), OrMap.class);
        assertEquals(3, map.get("visits", PnCounter.class).value());
        assertTrue(map.get("tags", OrSet.class).contains(Bytes.utf8("x")));
    }

    /** Metadata depends on the nodes, not on how many clients or operations there were. */
    @Test
    void storedMetadataStaysBoundedAsOperationsGrow() {
        int[] sizes = new int[2];
        int ops = 0;
        for (int round = 0; round < 2; round++) {
            int target = round == 0 ? 1_000 : 5_000;
            for (; ops < target; ops++) {
                // each op from a "different client": a fresh operation id, through any coordinator
                update(cluster.node(1 + ops % 3), HITS, new CounterAdd(1), "ONE");
            }
            cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3); // let the replicas converge
            KeyState stored = cluster.storages.get(n1).get(HITS);
            sizes[round] = cluster.codec.encodeSiblings(stored).length;
            assertEquals(AppliedOps.CAPACITY, stored.appliedOps().size());
        }
        assertEquals(5_000, counter(n2, "ALL"));
        assertEquals(sizes[0], sizes[1], "stored bytes after 1,000 and 5,000 operations");
    }

    ClientResponse update(NodeId coordinator, Key key, CrdtOp op, String level) {
        return cluster.call(coordinator, new CrdtUpdate(key, op, nextOperationId++, 1, Consistency.parse(level).code(), false));
    }

    long counter(NodeId coordinator, String level) {
        CrdtValue v = assertInstanceOf(CrdtValue.class, cluster.call(coordinator, new CrdtGet(HITS, CrdtType.PN_COUNTER, Consistency.parse(level).code())));
        return CrdtCodec.decode(v.value(), PnCounter.class).value();
    }

    static byte[][] elements(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) out[i] = names[i].getBytes(StandardCharsets.UTF_8);
        return out;
    }

    static void assertInvalid(ClientResponse r, String expected) {
        Failure f = assertInstanceOf(Failure.class, r, () -> "expected a failure, got " + r);
        assertEquals(ErrorKind.INVALID_REQUEST, f.kind(), f.message());
        assertTrue(f.message().contains(expected), "\"" + f.message() + "\" should mention " + expected);
    }
}
