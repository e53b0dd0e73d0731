package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.state.Consistency;

import io.chorus.replication.message.Get;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.chorus.replication.replica.ReplicaTest.KEY;
import static io.chorus.replication.replica.ReplicaTest.bytes;
import static io.chorus.replication.replica.ReplicaTest.put;
import static io.chorus.replication.replica.ReplicaTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repairs a replica reports to its observer: what a node's repair metrics count. */
class ReplicaObserverTest {
    final TestCluster cluster = new TestCluster(3);
    final NodeId n1 = cluster.node(1), n2 = cluster.node(2), n3 = cluster.node(3);

    @Test
    void aReadAtAllCountsTheStaleReplicaItRepairs() {
        cluster.call(n1, put("old", null, "ALL"));
        assertEquals(List.of("old"), values(cluster.call(n1, new Get(KEY, Consistency.ALL.code()))));
        assertEquals(0, cluster.observers.get(n1).readRepairs, "replicas that agree need no repair");

        cluster.stop(n3);
        cluster.call(n1, put("new", null, "QUORUM")); // a blind write: n3 misses it
        cluster.start(n3, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(cluster.config.heartbeatIntervalTicks() + 1); // peers hear n3 again; no anti-entropy round yet
        assertEquals(List.of("old"), cluster.storages.get(n3).get(KEY).liveValues().stream().map(String::new).toList());

        assertEquals(2, values(cluster.call(n1, new Get(KEY, Consistency.ALL.code()))).size());
        assertEquals(1, cluster.observers.get(n1).readRepairs, "n3 was behind the merge");
        assertEquals(1, cluster.observers.get(n1).readRepairEvents);
        assertEquals(cluster.storages.get(n1).get(KEY), cluster.storages.get(n3).get(KEY), "and got it");
        assertEquals(0, cluster.observers.get(n2).readRepairs + cluster.observers.get(n3).readRepairs, "only the coordinator counts");

        cluster.call(n1, new Get(KEY, Consistency.ALL.code()));
        assertEquals(1, cluster.observers.get(n1).readRepairs, "a repaired key needs no second repair");
    }

    @Test
    void aStaleCoordinatorCountsTheRepairOfItsOwnCopy() {
        cluster.stop(n3);
        cluster.call(n1, put("missed", null, "QUORUM"));
        cluster.start(n3, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(cluster.config.heartbeatIntervalTicks() + 1);

        assertEquals(List.of("missed"), values(cluster.call(n3, new Get(KEY, Consistency.ALL.code()))));
        assertEquals(1, cluster.observers.get(n3).readRepairs);
        assertEquals(cluster.storages.get(n1).get(KEY), cluster.storages.get(n3).get(KEY));
    }

    @Test
    void antiEntropyCountsTheKeysItSendsAndNothingOnceReplicasAgree() {
        cluster.stop(n3);
        for (int i = 0; i < 20; i++) cluster.call(n1, new Put(Key.of("k" + i), bytes("v" + i), null, Consistency.QUORUM.code(), false));
        cluster.start(n3, EnumSet.noneOf(InjectedBug.class));
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        assertEquals(20, cluster.storages.get(n3).size(), "anti-entropy copied every key to n3");

        long sent = cluster.observers.get(n1).antiEntropyKeysSent + cluster.observers.get(n2).antiEntropyKeysSent;
        assertTrue(sent >= 20, "every key n3 lacked was sent to it at least once, counted " + sent);
        assertEquals(0, cluster.observers.get(n3).antiEntropyKeysSent, "n3 had nothing the others lacked");
        assertEquals(0, readRepairs(), "no read happened");

        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        assertEquals(sent, cluster.observers.get(n1).antiEntropyKeysSent + cluster.observers.get(n2).antiEntropyKeysSent,
                "replicas that agree exchange digests but send no keys");
    }

    private long readRepairs() {
        return cluster.observers.values().stream().mapToLong(o -> o.readRepairs).sum();
    }
}
