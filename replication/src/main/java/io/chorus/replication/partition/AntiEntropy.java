package io.chorus.replication.partition;

import io.chorus.replication.state.KeyState;
import io.chorus.replication.env.Effects;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.topology.Topology;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.KeyDigests;
import io.chorus.replication.message.PartitionDigests;
import io.chorus.replication.message.PullKeys;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Background repair between replicas, so that they converge without client traffic (a replica that
 * missed writes while down or cut off). Every interval this node compares per-partition digests with
 * one peer, round robin; where they differ, the two exchange key digests and push or pull the keys
 * that differ. A two-level hash tree (partition, key): a full Merkle tree can replace the second
 * level when partitions grow large. Every message is bounded by {@code keysMax} keys.
 */
public final class AntiEntropy {
    private final NodeId self;
    private final Partitions store;
    private final Effects outbox;
    private final int keysMax;
    private final ReplicaObserver observer;
    private final TreeMap<NodeId, int[]> sharedPartitions = new TreeMap<>();
    private int nextPeer;

    public AntiEntropy(NodeId self, Topology topology, Partitions store, Effects outbox, int keysMax, ReplicaObserver observer) {
        this.self = self;
        this.store = store;
        this.outbox = outbox;
        this.keysMax = keysMax;
        this.observer = observer;
        onTopology(topology);
    }

    /** Which partitions this node shares with which peer, from a (new) topology. */
    public void onTopology(Topology topology) {
        sharedPartitions.clear();
        Ring ring = topology.ring();
        for (NodeId peer : ring.members()) {
            if (peer.equals(self)) continue;
            List<Integer> shared = new ArrayList<>();
            for (int p = 0; p < ring.partitions(); p++) {
                var replicas = topology.replicasOf(p);
                if (replicas.contains(self) && replicas.contains(peer)) shared.add(p);
            }
            if (!shared.isEmpty()) sharedPartitions.put(peer, shared.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Starts one round with the next peer that is alive. */
    public void startRound(java.util.function.Predicate<NodeId> alive) {
        List<NodeId> peers = new ArrayList<>(sharedPartitions.keySet());
        for (int i = 0; i < peers.size(); i++) {
            NodeId peer = peers.get(nextPeer++ % peers.size());
            if (!alive.test(peer)) continue;
            int[] partitions = sharedPartitions.get(peer);
            long[] digests = new long[partitions.length];
            for (int j = 0; j < partitions.length; j++) digests[j] = store.get(partitions[j]).digest();
            outbox.send(peer, new PartitionDigests(partitions, digests));
            return;
        }
    }

    /** A peer's digests: list our keys of the partitions where we differ (whole partitions, up to keysMax keys). */
    public void onPartitionDigests(NodeId from, PartitionDigests message) {
        List<Integer> partitions = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        List<Long> digests = new ArrayList<>();
        for (int i = 0; i < message.partitions().length && keys.size() < keysMax; i++) {
            int p = message.partitions()[i];
            if (!isShared(from, p) || store.get(p).digest() == message.digests()[i]) continue;
            partitions.add(p);
            store.get(p).forEachDigest((key, digest) -> {
                keys.add(key);
                digests.add(digest);
            });
        }
        if (partitions.isEmpty()) return;
        outbox.send(from, new KeyDigests(partitions.stream().mapToInt(Integer::intValue).toArray(),
                keys.toArray(new Key[0]), digests.stream().mapToLong(Long::longValue).toArray()));
    }

    /** A peer's keys: push what we hold that differs, pull what it holds that we lack or differ on. */
    public void onKeyDigests(NodeId from, KeyDigests message) {
        TreeMap<Key, Long> theirs = new TreeMap<>();
        for (int i = 0; i < message.keys().length; i++) theirs.put(message.keys()[i], message.digests()[i]);
        int[] pushed = {0};
        TreeMap<Key, Boolean> agreed = new TreeMap<>();
        for (int p : message.partitions()) {
            if (!isShared(from, p)) continue;
            store.get(p).forEachDigest((key, mine) -> {
                Long their = theirs.get(key);
                if (their != null && their.longValue() == mine) {
                    agreed.put(key, true);
                } else if (pushed[0] < keysMax) {
                    pushed[0]++;
                    outbox.send(from, ReplicaWrite.repair(key, store.of(key).get(key)));
                }
            });
        }
        if (pushed[0] > 0) observer.antiEntropyKeysSent(pushed[0]);
        List<Key> pull = new ArrayList<>();
        for (Key key : theirs.keySet()) {
            if (!agreed.containsKey(key) && pull.size() < keysMax) pull.add(key);
        }
        if (!pull.isEmpty()) outbox.send(from, new PullKeys(pull.toArray(new Key[0])));
    }

    /** A peer asks for our state of some keys. */
    public void onPullKeys(NodeId from, PullKeys message, java.util.function.Predicate<Key> replicatedWithPeer) {
        int sent = 0;
        for (Key key : message.keys()) {
            if (sent >= keysMax) break;
            if (!replicatedWithPeer.test(key)) continue;
            KeyState mine = store.of(key).get(key);
            if (mine.isEmpty()) continue;
            outbox.send(from, ReplicaWrite.repair(key, mine));
            sent++;
        }
        if (sent > 0) observer.antiEntropyKeysSent(sent);
    }

    private boolean isShared(NodeId peer, int partition) {
        int[] shared = sharedPartitions.get(peer);
        return shared != null && java.util.Arrays.binarySearch(shared, partition) >= 0;
    }
}
