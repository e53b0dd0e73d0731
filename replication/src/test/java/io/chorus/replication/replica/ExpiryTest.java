package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.state.Sibling;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TTL puts: the expiry is fixed by the coordinator and stored with the value on every replica; no
 * read returns the value once its coordinator's clock has passed it; replicas drop it (keeping the
 * context), and one that still holds it, however its clock lags, is brought to the same state by
 * anti-entropy or a hint's handover, never the other way round.
 */
class ExpiryTest {
    static final Key KEY = Key.of("fleeting");
    static final long TTL_MILLIS = 10_000;
    static final long START_MILLIS = 1_700_000_000_000L;
    static final ReplicaConfig CONFIG = ReplicaConfig.DEFAULTS.withAntiEntropyIntervalTicks(20);

    final TestCluster cluster = new TestCluster(4, CONFIG, EnumSet.noneOf(InjectedBug.class));
    final List<NodeId> primaries = cluster.topology.replicasOf(KEY);

    ExpiryTest() {
        cluster.wallMillis = START_MILLIS;
    }

    @Test
    void anExpiredValueIsNeverReturnedAndIsDroppedOnEveryReplica() {
        NodeId coordinator = primaries.get(0);
        assertInstanceOf(WriteResult.class, cluster.call(coordinator, put("brief", TTL_MILLIS, null, Consistency.ALL)));
        for (NodeId n : primaries) {
            Sibling stored = cluster.storages.get(n).get(KEY).siblings().get(0);
            assertEquals(START_MILLIS + TTL_MILLIS, stored.expiresAtMillis(), n + " stores the coordinator's expiry with the value");
        }
        cluster.wallMillis += TTL_MILLIS - 1;
        for (NodeId n : cluster.replicas.keySet()) assertEquals(List.of("brief"), read(n, Consistency.ALL), "not expired yet, via " + n);

        cluster.wallMillis += 1; // expired now, and no tick yet: the replicas still store it
        for (NodeId n : cluster.replicas.keySet()) assertEquals(List.of(), read(n, Consistency.ONE), "expired, yet returned via " + n);
        cluster.tick(1);
        for (NodeId n : primaries) {
            KeyState s = cluster.storages.get(n).get(KEY);
            assertTrue(s.isPurgeMarker(), n + " dropped the expired value and kept the context: " + s);
            assertEquals(1, cluster.observers.get(n).expiredValuesDropped, n + " counted the drop");
        }
        assertInstanceOf(WriteResult.class, cluster.call(coordinator, put("after", 0, null, Consistency.QUORUM)));
        assertEquals(List.of("after"), read(primaries.get(2), Consistency.ALL), "the key takes new values, minted past the kept context");
    }

    @Test
    void aReplicaWhoseClockLagsIsBroughtToTheDropByAntiEntropyAlone() {
        NodeId lagging = primaries.get(2);
        cluster.clockOffsetMillis.put(lagging, -3_600_000L); // an hour behind: by its clock the value lives on
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("brief", TTL_MILLIS, null, Consistency.ALL)));
        cluster.wallMillis += TTL_MILLIS;
        cluster.tick(1);
        assertEquals(List.of("brief"), storedValues(lagging), "its own clock has not expired it");
        assertTrue(cluster.storages.get(primaries.get(0)).get(KEY).isPurgeMarker());

        cluster.tick(CONFIG.antiEntropyIntervalTicks() * 4); // no client reads: anti-entropy alone
        for (NodeId n : primaries) {
            KeyState s = cluster.storages.get(n).get(KEY);
            assertTrue(s.isPurgeMarker(), n + " should hold the marker the first replicas left, holds " + s);
            assertEquals(cluster.storages.get(primaries.get(0)).get(KEY), s, "replicas agree");
        }
        assertEquals(List.of(), read(lagging, Consistency.ONE), "gone even through the lagging node's clock, once it converged");
    }

    @Test
    void aHintHandedOverAfterTheExpiryNeverShowsTheValue() {
        NodeId missing = primaries.get(2);
        NodeId fallback = HintedHandoffTest.fallbackFor(cluster, missing);
        cluster.stop(missing);
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("brief", TTL_MILLIS, null, Consistency.QUORUM)));
        assertEquals(1, cluster.replicas.get(fallback).hintsPending());
        cluster.wallMillis += TTL_MILLIS;
        cluster.tick(1); // the primaries that have it drop it; the hint waits for the missing one

        cluster.start(missing, EnumSet.noneOf(InjectedBug.class));
        for (int t = 0; t < CONFIG.antiEntropyIntervalTicks() * 4; t++) { // no reads (their repairs would hide a lost expiry)
            cluster.tick(1);
            for (NodeId n : cluster.replicas.keySet()) {
                KeyState s = cluster.storages.get(n).get(KEY);
                if (s != null) assertEquals(List.of(), s.liveValues(cluster.clockOf(n)), n + " holds it unexpired at tick " + t + ": " + s);
            }
        }
        assertEquals(0, cluster.replicas.get(fallback).hintsPending(), "the hint was handed over");
        for (NodeId n : primaries) assertTrue(cluster.storages.get(n).get(KEY).isPurgeMarker(), n + " holds " + cluster.storages.get(n).get(KEY));
        for (NodeId n : cluster.replicas.keySet()) assertEquals(List.of(), read(n, Consistency.ALL), "resurrected via " + n);
    }

    @Test
    void aPutWithTheReadsContextReplacesATtlValueForGood() {
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("brief", TTL_MILLIS, null, Consistency.ALL)));
        GetResult seen = assertInstanceOf(GetResult.class, cluster.call(primaries.get(1), new Get(KEY, Consistency.QUORUM.code())));
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(1), put("lasting", 0, seen.context(), Consistency.ALL)));
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(1), put("sibling", TTL_MILLIS * 2, null, Consistency.ALL)));
        cluster.wallMillis += TTL_MILLIS * 2;
        cluster.tick(1);
        assertEquals(List.of("lasting"), read(primaries.get(2), Consistency.ALL), "the TTL sibling expired, the overwrite stays");
        for (NodeId n : primaries) assertEquals(List.of("lasting"), storedValues(n), n + " dropped only the expired sibling");
    }

    @Test
    void aTtlOutsideItsBoundsIsRefusedAndNothingIsStored() {
        for (long ttl : new long[]{1, Put.TTL_MILLIS_MIN - 1, Put.TTL_MILLIS_MAX + 1, -5}) {
            Failure f = assertInstanceOf(Failure.class, cluster.call(primaries.get(0), put("v", ttl, null, Consistency.ONE)));
            assertEquals(ErrorKind.INVALID_REQUEST, f.kind());
            assertTrue(f.message().contains("ttl is " + ttl + " ms"), f.message());
        }
        for (NodeId n : primaries) assertEquals(null, cluster.storages.get(n).get(KEY));
        assertInstanceOf(WriteResult.class, cluster.call(primaries.get(0), put("v", Put.TTL_MILLIS_MAX, null, Consistency.ONE)));
    }

    List<String> read(NodeId coordinator, Consistency level) {
        GetResult r = assertInstanceOf(GetResult.class, cluster.call(coordinator, new Get(KEY, level.code())));
        List<String> out = new ArrayList<>();
        for (byte[] v : r.values()) out.add(new String(v, StandardCharsets.UTF_8));
        return out;
    }

    List<String> storedValues(NodeId node) {
        KeyState s = cluster.storages.get(node).get(KEY);
        assertNotNull(s, node + " holds nothing of the key");
        List<String> out = new ArrayList<>();
        s.liveValues().forEach(v -> out.add(new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    static Put put(String value, long ttlMillis, byte[] context, Consistency level) {
        return new Put(KEY, value.getBytes(StandardCharsets.UTF_8), context, level.code(), false, 0, 1, null, ttlMillis);
    }
}
