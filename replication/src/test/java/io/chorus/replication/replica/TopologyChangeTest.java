package io.chorus.replication.replica;

import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A running cluster takes a new topology version (one more member) as an input, without a restart:
 * every node routes by it from then on, the new member serves its partitions, and what was written
 * before stays readable. No data moves yet (the membership protocol's job): the new member's old keys
 * come from the other replicas.
 */
class TopologyChangeTest {
    static final int KEYS = 40;

    @Test
    void aRunningClusterTakesANewVersionWithOneMoreMember() {
        TestCluster cluster = new TestCluster(3);
        for (int i = 0; i < KEYS; i++) assertInstanceOf(WriteResult.class, cluster.call(cluster.node(1), put("k" + i, "before")));
        Topology before = cluster.topology;
        NodeId n4 = NodeId.of("n4");
        Topology next = before.withMember(new Member(n4, "127.0.0.1:7404"));
        assertEquals(before.epoch() + 1, next.epoch());

        cluster.join(n4, next);
        cluster.changeTopology(next);
        cluster.tick(30); // heartbeats: everyone hears from n4, and n4 from everyone

        for (Replica replica : cluster.replicas.values()) {
            assertEquals(next.epoch(), replica.topology().epoch(), replica.self() + " did not take the new topology");
            assertTrue(replica.topology().isMember(n4));
        }
        int keysOnTheNewMember = 0;
        for (int i = 0; i < KEYS; i++) {
            Key key = Key.of("k" + i);
            List<NodeId> replicas = next.replicasOf(key);
            // every value written before is still there, read through every node at ALL (the merge of all replicas)
            for (NodeId coordinator : cluster.replicas.keySet()) {
                GetResult read = assertInstanceOf(GetResult.class, cluster.call(coordinator, new Get(key, Consistency.ALL.code())));
                assertEquals(List.of("before"), values(read), key + " via " + coordinator);
            }
            // new writes go to the new replicas, n4 among them where the ring now places it
            assertInstanceOf(WriteResult.class, cluster.call(cluster.node(1 + i % 3), put("k" + i, "after")));
            if (replicas.contains(n4)) {
                keysOnTheNewMember++;
                assertNotNull(cluster.storages.get(n4).get(key), key + " was not written to its new replica n4");
            }
        }
        assertTrue(keysOnTheNewMember > 0, "n4 was given no partition holding any of " + KEYS + " keys");
    }

    @Test
    void anOlderOrEqualVersionChangesNothing() {
        TestCluster cluster = new TestCluster(3);
        Topology current = cluster.topology;
        Topology next = current.withMember(new Member(NodeId.of("n4"), "127.0.0.1:7404"));
        cluster.join(NodeId.of("n4"), next);
        cluster.changeTopology(next);
        cluster.changeTopology(current); // a late copy of the old version
        for (Replica replica : cluster.replicas.values()) assertEquals(next.epoch(), replica.topology().epoch());
    }

    static Put put(String key, String value) {
        return new Put(Key.of(key), value.getBytes(StandardCharsets.UTF_8), null, Consistency.ALL.code(), false);
    }

    static List<String> values(GetResult read) {
        return java.util.Arrays.stream(read.values()).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }
}
