package io.chorus.replication.replica;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.state.Key;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The digests anti-entropy relies on stay exact under any sequence of writes. */
class LocalStoreTest {
    final Ring ring = Ring.create(List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")), 64);

    @Test
    void incrementalDigestsEqualARebuildFromStorage() {
        qt().forAll(lists().of(integers().between(0, 59)).ofSizeBetween(1, 80)).check(steps -> {
            InMemoryStorage storage = new InMemoryStorage();
            LocalStore store = new LocalStore(storage, ring);
            InMemoryStorage other = new InMemoryStorage();
            LocalStore peer = new LocalStore(other, ring);
            for (int step : steps) {
                Key key = Key.of("k" + step % 12);
                switch (step / 12) {
                    case 0 -> store.mint(key, bytes("v" + step), VersionVector.empty(), "n1", 64, step);
                    case 1 -> store.mint(key, null, store.get(key).context(), "n1", 64, 0);
                    case 2 -> peer.mint(key, bytes("p" + step), VersionVector.empty(), "n2", 64, 0);
                    case 3 -> store.merge(key, peer.get(key));
                    default -> store.applyCrdt(Key.of("c" + step % 12), new CounterAdd(1), step, "n1", null, 0);
                }
            }
            LocalStore rebuilt = new LocalStore(storage, ring);
            for (int p = 0; p < ring.partitions(); p++) {
                if (store.partitionDigest(p) != rebuilt.partitionDigest(p)) return false;
                if (store.recomputedDigest(p) != store.partitionDigest(p)) return false;
            }
            return true;
        });
    }

    @Test
    void aChangedValueChangesItsPartitionsDigest() {
        LocalStore store = new LocalStore(new InMemoryStorage(), ring);
        Key key = Key.of("a");
        int partition = ring.partitionOf(key.bytesUnsafe());
        long before = store.partitionDigest(partition);
        store.mint(key, bytes("x"), VersionVector.empty(), "n1", 64, 0);
        assertNotEquals(before, store.partitionDigest(partition));
        assertEquals(store.recomputedDigest(partition), store.partitionDigest(partition));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
