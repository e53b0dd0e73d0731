package io.chorus.node.metrics;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.env.Storage;
import io.chorus.replication.state.Key;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;

import static io.chorus.node.metrics.MetricsEndpointTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replica meters: what the metered storage and the replica observer record, as /metrics shows it. */
class NodeMetricsTest {
    private static final Key KEY = Key.of("k");

    @Test
    void replicaMetersAreScrapedFromTheStartAtZero() {
        try (NodeMetrics metrics = new NodeMetrics("n1")) {
            String text = metrics.scrape();
            assertEquals(0.0, value(text, "chorus_read_repairs_total", "node=\"n1\""));
            assertEquals(0.0, value(text, "chorus_anti_entropy_keys_sent_total", "node=\"n1\""));
            assertEquals(0.0, value(text, "chorus_replica_latency_seconds_count", "op=\"read\""));
            assertEquals(0.0, value(text, "chorus_replica_latency_seconds_count", "op=\"write\""));
            assertEquals(0.0, value(text, "chorus_stored_siblings_count", "node=\"n1\""));
            assertEquals(0.0, value(text, "chorus_stored_value_bytes_count", "node=\"n1\""));
        }
    }

    @Test
    void theObserverCountsRepairs() {
        try (NodeMetrics metrics = new NodeMetrics("n1")) {
            ReplicaObserver observer = metrics.replicaObserver();
            observer.readRepaired(2);
            observer.readRepaired(1);
            observer.antiEntropyKeysSent(40);
            String text = metrics.scrape();
            assertEquals(3.0, value(text, "chorus_read_repairs_total", "node=\"n1\""));
            assertEquals(40.0, value(text, "chorus_anti_entropy_keys_sent_total", "node=\"n1\""));
        }
    }

    @Test
    void theMeteredStorageTimesReadsAndWritesAndRecordsWhatIsStored() {
        try (NodeMetrics metrics = new NodeMetrics("n1")) {
            InMemoryStorage backing = new InMemoryStorage();
            Storage storage = metrics.metered(backing);
            assertNull(storage.get(KEY), "a lookup of nothing is a read too");
            KeyState two = KeyState.empty().update(VersionVector.empty(), new byte[100], "a").update(VersionVector.empty(), new byte[50], "b");
            storage.put(KEY, two); // two blind writes: two siblings, 150 bytes
            assertEquals(two, storage.get(KEY));
            KeyState deleted = two.update(two.context(), null, "a");
            storage.put(KEY, deleted); // one tombstone, no bytes
            storage.put(Key.of("counter"), KeyState.ofCrdt(CrdtType.PN_COUNTER.empty(), AppliedOps.of(7))); // timed, not sized
            assertEquals(2, backing.size());
            assertEquals(2, storage.size());

            String text = metrics.scrape();
            assertEquals(2.0, value(text, "chorus_replica_latency_seconds_count", "op=\"read\""));
            assertEquals(3.0, value(text, "chorus_replica_latency_seconds_count", "op=\"write\""));
            assertTrue(value(text, "chorus_replica_latency_seconds_sum", "op=\"write\"") > 0);
            assertTrue(text.contains("chorus_replica_latency_seconds_bucket{"), "replica latency is a histogram");
            assertEquals(2.0, value(text, "chorus_stored_siblings_count", "node=\"n1\""), "the CRDT key is left out");
            assertEquals(3.0, value(text, "chorus_stored_siblings_sum", "node=\"n1\""));
            assertEquals(1.0, value(text, "chorus_stored_siblings_bucket", "le=\"1.0\""), "the tombstone alone");
            assertEquals(2.0, value(text, "chorus_stored_siblings_bucket", "le=\"2.0\""));
            assertEquals(150.0, value(text, "chorus_stored_value_bytes_sum", "node=\"n1\""));
            assertEquals(1.0, value(text, "chorus_stored_value_bytes_bucket", "le=\"16.0\""), "the tombstone's 0 bytes");
            assertEquals(2.0, value(text, "chorus_stored_value_bytes_bucket", "le=\"256.0\""));
        }
    }
}
