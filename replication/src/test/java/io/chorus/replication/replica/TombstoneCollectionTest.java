package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tombstones go once every replica holds them, and never before: a replica that missed the delete cannot bring the value back. */
class TombstoneCollectionTest {
    static final Key KEY = Key.of("doomed");
    static final ReplicaConfig CONFIG = ReplicaConfig.DEFAULTS.withAntiEntropyIntervalTicks(50);
    static final int MARKER_TICKS = ReplicaParts.MINT_LOG_RETENTION_TIMEOUTS * CONFIG.requestTimeoutTicks(); // the longest a message may wander

    final TestCluster cluster = new TestCluster(3, CONFIG, EnumSet.noneOf(InjectedBug.class));
    final NodeId n1 = cluster.node(1), n2 = cluster.node(2), n3 = cluster.node(3);

    @Test
    void aDeleteEveryReplicaAcknowledgedIsPurgedEverywhere() {
        assertInstanceOf(WriteResult.class, cluster.call(n1, put("v", Consistency.ALL)));
        assertInstanceOf(WriteResult.class, cluster.call(n1, delete(Consistency.QUORUM)));
        for (NodeId n : List.of(n1, n2, n3)) {
            KeyState s = cluster.storages.get(n).get(KEY);
            assertTrue(s != null && s.isPurgeMarker(), n + " keeps only the tombstone's context: " + s);
            assertEquals(1, cluster.observers.get(n).tombstonesPurged);
            assertEquals(0, cluster.replicas.get(n).tombstonesPending());
        }
        assertInstanceOf(WriteResult.class, cluster.call(n2, put("again", Consistency.ALL)));
        assertEquals(List.of("again"), read(n3, Consistency.ONE), "a new write after the purge mints a new dot over the kept context");
        assertEquals(2, cluster.storages.get(n3).get(KEY).context().get(cluster.replicas.get(n1).actor()),
                "the purged context stays: n1's dots of the key (its put and its delete) are never minted again");
    }

    @Test
    void aReplicaThatMissedTheDeleteNeverBringsTheValueBack() {
        List<NodeId> primaries = cluster.topology.replicasOf(KEY);
        NodeId sweeper = primaries.get(0); // checks the key's tombstones
        NodeId stale = primaries.get(2);
        assertInstanceOf(WriteResult.class, cluster.call(sweeper, put("old", Consistency.ALL)));
        cluster.stop(stale);
        assertInstanceOf(WriteResult.class, cluster.call(sweeper, delete(Consistency.QUORUM)));
        cluster.tick(MARKER_TICKS * 3); // far longer than any timeout
        assertEquals(1, cluster.replicas.get(sweeper).tombstonesPending(), "not purged while a replica may still hold the value");
        assertTrue(cluster.storages.get(sweeper).get(KEY).isTombstoneOnly());

        cluster.start(stale, EnumSet.noneOf(InjectedBug.class));
        assertEquals(List.of("old"), liveValues(stale), "the replica comes back with the value it never saw deleted");
        for (int t = 0; t < MARKER_TICKS * 3; t += 5) { // no client reads: no read repair, anti-entropy alone
            cluster.tick(5);
            for (NodeId n : primaries) {
                if (!n.equals(stale)) assertEquals(List.of(), liveValues(n), "the deleted value came back to " + n + " at tick " + t);
            }
        }
        for (NodeId n : primaries) {
            assertTrue(cluster.storages.get(n).get(KEY).isPurgeMarker(), n + " still holds " + cluster.storages.get(n).get(KEY));
            assertEquals(0, cluster.replicas.get(n).tombstonesPending());
            assertEquals(List.of(), read(n, Consistency.ONE), "purged everywhere, and still deleted");
        }
    }

    @Test
    void aLateCopyOfTheDeletedValueDiesInThePurgeMarker() {
        cluster.call(n1, put("old", Consistency.ALL));
        KeyState old = cluster.storages.get(n2).get(KEY);
        cluster.call(n1, delete(Consistency.ALL));
        assertTrue(cluster.storages.get(n2).get(KEY).isPurgeMarker());
        cluster.step(n2, new Input.FromPeer(n3, ReplicaWrite.repair(KEY, old))); // a duplicate that took its time
        assertEquals(List.of(), liveValues(n2));
        assertTrue(cluster.storages.get(n2).get(KEY).isPurgeMarker());
    }

    @Test
    void aWriteThatComesBeforeTheStartUpScanReachesAMarkerIsCountedOnce() {
        TestCluster cluster = new TestCluster(3, CONFIG.withAntiEntropyScanKeysPerTick(1), EnumSet.noneOf(InjectedBug.class));
        NodeId n1 = cluster.node(1), n2 = cluster.node(2);
        cluster.call(n1, put("old", Consistency.ALL));
        GetResult read = assertInstanceOf(GetResult.class, cluster.call(n1, new Get(KEY, Consistency.ALL.code())));
        cluster.call(n1, new Delete(KEY, read.context(), Consistency.ALL.code(), false));
        assertTrue(cluster.storages.get(n2).get(KEY).isPurgeMarker());
        cluster.start(n2, EnumSet.noneOf(InjectedBug.class)); // its scan reaches the key on its first tick, not before
        cluster.call(n1, put("again", Consistency.ALL)); // turns n2's stored marker into a value before that
        while (!cluster.replicas.get(n2).antiEntropyReady()) cluster.tick(1);
        assertEquals(0, cluster.replicas.get(n2).purgeMarkers(), "the scan counts the state the write left, the write nothing");
        assertEquals(0, cluster.replicas.get(n2).tombstonesPending());
    }

    List<String> read(NodeId coordinator, Consistency level) {
        GetResult r = assertInstanceOf(GetResult.class, cluster.call(coordinator, new Get(KEY, level.code())));
        List<String> out = new ArrayList<>();
        for (byte[] v : r.values()) out.add(new String(v, StandardCharsets.UTF_8));
        return out;
    }

    List<String> liveValues(NodeId node) {
        KeyState s = cluster.storages.get(node).get(KEY);
        List<String> out = new ArrayList<>();
        if (s != null) s.liveValues().forEach(v -> out.add(new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    Put put(String value, Consistency level) {
        return new Put(KEY, value.getBytes(StandardCharsets.UTF_8), null, level.code(), false);
    }

    Delete delete(Consistency level) {
        GetResult read = assertInstanceOf(GetResult.class, cluster.call(n1, new Get(KEY, Consistency.QUORUM.code())));
        return new Delete(KEY, read.context(), level.code(), false);
    }
}
