package io.chorus.replication.replica;

import io.chorus.replication.config.InjectedBug;
import io.chorus.replication.state.Consistency;

import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;
import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A power loss rolls a replica's storage back to its last synced image, so it forgets the dots it
 * minted since. Restarted in a new epoch it mints under a new actor and never names a new value
 * with a dot another replica holds for an old one; restarted in the same epoch it does, and the
 * replicas can no longer tell the two values apart (the simulator's --power-loss seed 197).
 */
class ActorEpochTest {
    static final Key KEY = Key.of("greeting");

    final TestCluster cluster = new TestCluster(3);
    final NodeId n1 = cluster.node(1), n2 = cluster.node(2), n3 = cluster.node(3);

    @Test
    void aReplicaThatLostWritesMintsUnderANewActorInItsNewEpoch() {
        powerLossAfter(() -> assertInstanceOf(WriteResult.class, cluster.call(n1, put("before", "ALL"))), 1);
        assertInstanceOf(WriteResult.class, cluster.call(n1, put("after", "ONE")));

        assertEquals("n1#1", cluster.replicas.get(n1).actor());
        assertEquals(List.of(), dotsNamingTwoValues(), "no dot names two values");
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        for (NodeId n : List.of(n1, n2, n3)) {
            assertEquals(Map.of(new Dot("n1", 1), "before", new Dot("n1#1", 1), "after"), valuesByDot(n, KEY),
                    n + " holds both writes, as siblings (the second carried no context)");
        }
    }

    /** The bug the epoch avoids: the same actor mints n1:1 again, for another value. */
    @Test
    void inTheSameEpochItMintsADotAgainForAnotherValueAndTheReplicasNeverReconcile() {
        powerLossAfter(() -> assertInstanceOf(WriteResult.class, cluster.call(n1, put("before", "ALL"))), 0);
        assertInstanceOf(WriteResult.class, cluster.call(n1, put("after", "ONE")));

        assertEquals(List.of("n1:1 is \"after\" on n1 but \"before\" on n2", "n1:1 is \"after\" on n1 but \"before\" on n3"),
                dotsNamingTwoValues());
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        assertEquals(Map.of(new Dot("n1", 1), "after"), valuesByDot(n1, KEY));
        assertEquals(Map.of(new Dot("n1", 1), "before"), valuesByDot(n2, KEY), "anti-entropy sees one event, not two values");
    }

    /** A PN-counter entry is cumulative per actor: the new epoch starts a new entry instead of overwriting the lost one. */
    @Test
    void aCounterKeepsTheIncrementsTheRestartedMinterForgot() {
        Key hits = keyMintedBy(n1);
        powerLossAfter(() -> assertInstanceOf(WriteResult.class, cluster.call(n1, increment(hits, 5, 1))), 1);
        assertInstanceOf(WriteResult.class, cluster.call(n1, increment(hits, 7, 2)));
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        for (NodeId n : List.of(n1, n2, n3)) assertEquals(12, counter(n, hits), "on " + n);
    }

    /** The bug the epoch avoids, for counters. */
    @Test
    void inTheSameEpochTheCounterLosesAnAcknowledgedIncrement() {
        Key hits = keyMintedBy(n1);
        powerLossAfter(() -> assertInstanceOf(WriteResult.class, cluster.call(n1, increment(hits, 5, 1))), 0);
        assertInstanceOf(WriteResult.class, cluster.call(n1, increment(hits, 7, 2)));
        cluster.tick(cluster.config.antiEntropyIntervalTicks() * 3);
        assertEquals(List.of(7L, 7L, 7L), List.of(counter(n1, hits), counter(n2, hits), counter(n3, hits)),
                "both increments were minted as n1:1, so the replicas keep one of them: the acknowledged 5 is gone");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * Runs {@code writes}, then n1 loses power: its storage is back to what it held before them, and
     * it restarts in {@code epoch}. Its peers keep what they stored.
     */
    private void powerLossAfter(Runnable writes, long epoch) {
        InMemoryStorage synced = cluster.storages.get(n1).copy();
        writes.run();
        cluster.stop(n1);
        cluster.storages.put(n1, synced);
        cluster.start(n1, epoch, EnumSet.noneOf(InjectedBug.class));
        assertEquals(0, cluster.storages.get(n1).size(), "the writes were lost");
    }

    /** Every dot some replica holds with a value different from n1's value under that dot. */
    private List<String> dotsNamingTwoValues() {
        List<String> conflicts = new ArrayList<>();
        valuesByDot(n1, KEY).forEach((dot, value) -> {
            for (NodeId other : List.of(n2, n3)) {
                String held = valuesByDot(other, KEY).get(dot);
                if (held != null && !held.equals(value)) conflicts.add(dot + " is \"" + value + "\" on n1 but \"" + held + "\" on " + other);
            }
        });
        return conflicts;
    }

    private Map<Dot, String> valuesByDot(NodeId node, Key key) {
        Map<Dot, String> values = new TreeMap<>();
        KeyState stored = cluster.storages.get(node).get(key);
        if (stored == null) return values;
        for (Sibling s : stored.siblings()) values.put(s.dot(), s.isTombstone() ? "<tombstone>" : new String(s.value(), StandardCharsets.UTF_8));
        return values;
    }

    /** A key whose CRDT updates {@code node} mints (the first replica in preference-list order). */
    private Key keyMintedBy(NodeId node) {
        for (int i = 0; ; i++) {
            Key k = Key.of("hits" + i);
            if (cluster.membership.ring().preferenceList(k.bytesUnsafe(), 3).primaries().get(0).equals(node)) return k;
        }
    }

    private long counter(NodeId node, Key key) {
        KeyState stored = cluster.storages.get(node).get(key);
        return stored == null ? 0 : ((PnCounter) stored.crdt()).value();
    }

    private static CrdtUpdate increment(Key key, long amount, long operationId) {
        return new CrdtUpdate(key, new CounterAdd(amount), operationId, 1, Consistency.ALL.code(), false);
    }

    private static Put put(String value, String level) {
        return new Put(KEY, value.getBytes(StandardCharsets.UTF_8), null, Consistency.parse(level).code(), false);
    }
}
