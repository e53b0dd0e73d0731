package io.chorus.replication.replica;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.message.LeafKeys;
import io.chorus.replication.message.TreeNodes;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merkle anti-entropy between real replicas: large partitions converge in bounded messages, and only what differs moves. */
class AntiEntropyTest {
    static final ReplicaConfig CONFIG = ReplicaConfig.DEFAULTS.withReplicationFactor(2).withAntiEntropyIntervalTicks(50);

    @Test
    void aPartitionOfTwentyThousandKeysConvergesInMessagesOfBoundedSize() {
        TestCluster cluster = new TestCluster(2, 2, CONFIG, EnumSet.noneOf(InjectedBug.class));
        NodeId n1 = cluster.node(1), n2 = cluster.node(2);
        int keys = 40_000; // about 20,000 per partition: the old whole-partition key list was ~400 KB, one message
        for (int i = 0; i < keys; i++) cluster.storages.get(n1).put(key(i), state("v" + i));
        restart(cluster, n1, n2);
        cluster.tick(CONFIG.antiEntropyIntervalTicks() * 8);

        assertEquals(keys, cluster.storages.get(n2).size(), "every key reached the empty replica");
        assertEquals(cluster.storages.get(n1).get(key(17)), cluster.storages.get(n2).get(key(17)));
        assertTrue(cluster.largestMessageBytes < 64 << 10, "largest message " + cluster.largestMessageBytes + " bytes");
        assertEquals(keys, cluster.observers.get(n2).antiEntropyKeysRepaired, "n2 pulled each key it lacked once");
    }

    @Test
    void replicasThatDifferInAFewKeysExchangeOnlyTheKeysOfTheLeavesThatDiffer() {
        TestCluster cluster = new TestCluster(2, 2, CONFIG, EnumSet.noneOf(InjectedBug.class));
        NodeId n1 = cluster.node(1), n2 = cluster.node(2);
        for (int i = 0; i < 20_000; i++) {
            cluster.storages.get(n1).put(key(i), state("v" + i));
            cluster.storages.get(n2).put(key(i), state("v" + i));
        }
        for (int i = 0; i < 10; i++) cluster.storages.get(n1).put(key(100_000 + i), state("new" + i)); // n2 missed 10 keys
        restart(cluster, n1, n2);
        long[] leafKeysListed = {0};
        cluster.dropRule = (to, m) -> {
            if (m instanceof LeafKeys page) leafKeysListed[0] += page.keys().length;
            return false;
        };
        cluster.tick(CONFIG.antiEntropyIntervalTicks() * 4);

        assertEquals(20_010, cluster.storages.get(n2).size());
        assertTrue(leafKeysListed[0] <= 10 * 60, "only the keys of ~10 differing leaves (about 10 keys each) were listed: "
                + leafKeysListed[0]);
        long compared = cluster.observers.get(n1).antiEntropyKeysCompared + cluster.observers.get(n2).antiEntropyKeysCompared;
        assertEquals(leafKeysListed[0], compared, "every listed key was compared");
        assertEquals(10, cluster.observers.get(n2).antiEntropyKeysRepaired);
    }

    @Test
    void aNodeBuildingItsTreesAtStartDoesNotAnswerTreeComparisons() {
        ReplicaConfig slowScan = CONFIG.withAntiEntropyScanKeysPerTick(1);
        TestCluster cluster = new TestCluster(2, 2, slowScan, EnumSet.noneOf(InjectedBug.class));
        NodeId n1 = cluster.node(1), n2 = cluster.node(2);
        for (int i = 0; i < 200; i++) cluster.storages.get(n1).put(key(i), state("v" + i));
        restart(cluster, n1, n2); // n1 counts one key per tick: its trees are incomplete for 200 ticks
        int[] treeMessagesFromN1 = {0};
        cluster.dropRule = (to, m) -> {
            if (to.equals(n2) && m instanceof TreeNodes) treeMessagesFromN1[0]++;
            return false;
        };
        cluster.tick(150);
        assertEquals(0, treeMessagesFromN1[0], "no round while n1's trees are incomplete");
        assertEquals(0, cluster.storages.get(n2).size());
        cluster.tick(400);
        assertEquals(200, cluster.storages.get(n2).size(), "once built, they converge");
    }

    private static void restart(TestCluster cluster, NodeId... nodes) {
        for (NodeId node : nodes) cluster.start(node, EnumSet.noneOf(InjectedBug.class));
    }

    static Key key(int i) {
        return Key.of("key-" + i);
    }

    static KeyState state(String value) {
        return KeyState.empty().update(VersionVector.empty(), value.getBytes(StandardCharsets.UTF_8), "n1");
    }
}
