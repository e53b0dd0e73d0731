package io.chorus.replication.partition;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.Effects;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The Merkle trees anti-entropy relies on stay exact under any sequence of writes, during the build at start too. */
class PartitionReplicaTest {
    static final PartitionReplica.Limits LIMITS = new PartitionReplica.Limits(64, 1 << 20);
    final Topology topology = Topology.initial(new Membership(List.of(member("n1"), member("n2"), member("n3")), 64), 3);

    @Test
    void incrementalTreesEqualARebuildFromStorage() {
        qt().forAll(lists().of(integers().between(0, 59)).ofSizeBetween(1, 80)).check(steps -> {
            InMemoryStorage storage = new InMemoryStorage();
            Partitions store = built(partitions(storage));
            Partitions peer = built(partitions(new InMemoryStorage()));
            for (int step : steps) write(store, peer, step);
            return sameTrees(store, built(partitions(storage)));
        });
    }

    @Test
    void writesDuringTheBuildAtStartLeaveTheSameTreesAsARebuild() {
        qt().forAll(lists().of(integers().between(0, 59)).ofSizeBetween(1, 80), integers().between(1, 4)).check((steps, chunk) -> {
            InMemoryStorage storage = new InMemoryStorage();
            Partitions before = built(partitions(storage));
            Partitions peer = built(partitions(new InMemoryStorage()));
            for (int step : steps.subList(0, steps.size() / 2)) write(before, peer, step); // what storage holds at start
            Partitions store = partitions(storage);
            for (int step : steps.subList(steps.size() / 2, steps.size())) {
                write(store, peer, step);
                store.keys().stepDone();
                if (step % 3 == 0) store.buildTrees(chunk); // the build goes on between writes, a chunk at a time
            }
            return sameTrees(built(store), built(partitions(storage)));
        });
    }

    @Test
    void aChangedValueChangesItsPartitionsDigest() {
        Partitions store = built(partitions(new InMemoryStorage()));
        Key key = Key.of("a");
        PartitionReplica partition = store.of(key);
        long before = partition.digest();
        partition.mint(key, bytes("x"), VersionVector.empty(), "n1", LIMITS, 0, false, 0);
        assertNotEquals(before, partition.digest());
        assertEquals(PartitionReplica.entryDigest(key, partition.get(key)), partition.tree().leafHashes()[partition.leafOf(key)]);
    }

    /** Step {@code step} of a random history: a put, a delete, a concurrent put on the peer, a merge of it, or a CRDT update. */
    private static void write(Partitions store, Partitions peer, int step) {
        Key key = Key.of("k" + step % 12);
        switch (step / 12) {
            case 0 -> store.of(key).mint(key, bytes("v" + step), VersionVector.empty(), "n1", LIMITS, 2L * step, false, 0); // ids are even
            case 1 -> store.of(key).mint(key, null, store.of(key).get(key).context(), "n1", LIMITS, 0, false, 0);
            case 2 -> peer.of(key).mint(key, bytes("p" + step), VersionVector.empty(), "n2", LIMITS, 0, false, 0);
            case 3 -> store.of(key).merge(key, peer.of(key).get(key), false);
            default -> store.of(Key.of("c" + step % 12)).applyCrdt(Key.of("c" + step % 12), new CounterAdd(1), step, "n1", null, 0, false);
        }
    }

    private static Partitions built(Partitions partitions) {
        partitions.keys().stepDone();
        partitions.buildTrees(Integer.MAX_VALUE);
        assertEquals(true, partitions.treesBuilt());
        return partitions;
    }

    private boolean sameTrees(Partitions a, Partitions b) {
        for (int p = 0; p < topology.partitions(); p++) {
            if (!a.get(p).tree().equals(b.get(p).tree()) || a.get(p).digest() != b.get(p).digest()) return false;
        }
        return true;
    }

    @Test
    void aMintedDeltaMergedElsewhereGivesTheMintersSiblings() {
        qt().forAll(lists().of(integers().between(0, 29)).ofSizeBetween(1, 40)).check(steps -> {
            Partitions minter = partitions(new InMemoryStorage());
            Partitions other = partitions(new InMemoryStorage());
            Key key = Key.of("k");
            for (int step : steps) {
                KeyState seen = step % 3 == 0 ? minter.of(key).get(key) : KeyState.empty();
                Minted minted = minter.of(key).mint(key, step % 5 == 0 ? null : bytes("v" + step), seen.context(), "n1", LIMITS, 0, false, 0);
                if (step % 4 != 0) other.of(key).merge(key, minted.delta(), false); // some deltas are lost...
            }
            other.of(key).merge(key, minter.of(key).get(key), false); // ...and anti-entropy brings the rest
            return minter.of(key).get(key).siblings().equals(other.of(key).get(key).siblings());
        });
    }

    @Test
    void aWritePastTheKeysStateBoundIsRefusedAndNothingIsStored() {
        Partitions store = built(partitions(new InMemoryStorage()));
        Key key = Key.of("big");
        PartitionReplica.Limits small = new PartitionReplica.Limits(64, 3_000);
        assertEquals(null, store.of(key).mint(key, new byte[2_000], VersionVector.empty(), "n1", small, 0, false, 0).refusal());
        Minted refused = store.of(key).mint(key, new byte[2_000], VersionVector.empty(), "n1", small, 0, false, 0);
        assertEquals(io.chorus.replication.message.ErrorKind.TOO_MANY_SIBLINGS, refused.refusal());
        assertEquals(1, store.of(key).get(key).size());
    }

    private Partitions partitions(InMemoryStorage storage) {
        LocalKeys keys = new LocalKeys(storage);
        keys.bind(new Effects() {
            @Override public void send(NodeId to, PeerMessage message) { }
            @Override public void sendAfterPersist(NodeId to, PeerMessage message) { }
            @Override public void reply(ClientRef client, long requestId, ClientResponse response) { }
            @Override public void persist(Key key, KeyState state, boolean durable) {
                storage.put(key, state);
            }
        });
        return new Partitions(topology, keys);
    }

    static Member member(String name) {
        return new Member(NodeId.of(name), "127.0.0.1:1");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
