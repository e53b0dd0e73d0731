package io.chorus.replication.partition;

import io.chorus.replication.env.Effects;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.merkle.MerkleTree;
import io.chorus.replication.message.LeafKeys;
import io.chorus.replication.message.PullKeys;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.SyncLeaves;
import io.chorus.replication.message.TreeNodes;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.topology.Topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Active anti-entropy with Merkle trees, so that replicas converge without client traffic (a
 * replica that missed writes while down or cut off). Every interval this node starts a round with
 * one peer, round robin: it sends the roots of the partitions they share ({@link TreeNodes}); the
 * two then walk down their trees, alternating, through the nodes that differ only, to the leaves
 * that differ. The side that reaches them asks the other to sync those leaves ({@link SyncLeaves}),
 * and both scan their storage for the keys in them ({@link LeafScan}) and send them as digests
 * ({@link LeafKeys}); a receiver pushes its state of each key that differs and pulls the ones it
 * lacks. Paced: one round per interval, not while a leaf scan is queued, scans at
 * {@code scanKeysPerTick}; every message bounded in entries and bytes.
 */
public final class AntiEntropy {
    /** Tree nodes per message (about 18 bytes each on the wire). */
    static final int NODES_PER_MESSAGE_MAX = 4096;
    /** Tree nodes one received message may make this node send back, in pages (the rest wait for the next round). */
    static final int NODES_PER_REPLY_MAX = 16 * NODES_PER_MESSAGE_MAX;
    /** Leaf syncs queued on this node (one runs at a time). */
    static final int SCANS_QUEUED_MAX = 4;

    private final NodeId self;
    private final Partitions store;
    private final Effects outbox;
    private final int keysMax;
    private final int scanKeysPerTick;
    private final ReplicaObserver observer;
    private final TreeMap<NodeId, int[]> sharedPartitions = new TreeMap<>();
    private final ArrayDeque<LeafScan> scans = new ArrayDeque<>();
    private int nextPeer;

    public AntiEntropy(NodeId self, Topology topology, Partitions store, Effects outbox, int keysMax, int scanKeysPerTick,
                       ReplicaObserver observer) {
        this.self = self;
        this.store = store;
        this.outbox = outbox;
        this.keysMax = keysMax;
        this.scanKeysPerTick = scanKeysPerTick;
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

    /**
     * The replica's tick, first thing in its step (storage then holds every write so far): the tree
     * build or the current leaf scan goes on by a chunk; a due round starts if no leaf sync waits.
     */
    public void onTick(boolean roundDue, Predicate<NodeId> alive) {
        if (!store.treesBuilt()) {
            store.buildTrees(scanKeysPerTick);
            return;
        }
        LeafScan scan = scans.peek();
        if (scan != null && scan.step(scanKeysPerTick)) scans.poll();
        if (roundDue && scans.isEmpty()) startRound(alive);
    }

    /** Starts one round with the next peer that is alive: our roots of the partitions we share. */
    private void startRound(Predicate<NodeId> alive) {
        List<NodeId> peers = new ArrayList<>(sharedPartitions.keySet());
        for (int i = 0; i < peers.size(); i++) {
            NodeId peer = peers.get(nextPeer++ % peers.size());
            if (!alive.test(peer)) continue;
            NodeBatch roots = new NodeBatch(peer, 0);
            for (int p : sharedPartitions.get(peer)) roots.add(p, 0, store.get(p).digest());
            roots.flush();
            return;
        }
    }

    /** A peer's hashes of some tree nodes: answer with our children of those that differ, or sync differing leaves. */
    public void onTreeNodes(NodeId from, TreeNodes m) {
        if (!store.treesBuilt()) return; // our trees are incomplete: no answer, the peer's round lapses
        int level = m.level();
        NodeBatch children = new NodeBatch(from, level + 1);
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < m.partitions().length; i++) {
            int p = m.partitions()[i];
            if (!isShared(from, p)) continue;
            MerkleTree tree = store.get(p).tree();
            if (!tree.contains(level, m.indexes()[i])) continue; // not a node of our shape: a confused peer
            if (tree.hash(level, m.indexes()[i]) == m.hashes()[i]) {
                if (level == 0) observer.antiEntropyInSync(p, from);
            } else if (level == tree.depth()) {
                leaves.add(LeafScan.code(p, m.indexes()[i]));
            } else {
                int first = tree.firstChild(m.indexes()[i]);
                for (int c = first; c < first + tree.fanout() && children.total < NODES_PER_REPLY_MAX; c++) {
                    children.add(p, c, tree.hash(level + 1, c));
                }
            }
        }
        children.flush();
        if (leaves.isEmpty() || !queue(from, leaves)) return;
        int[] partitions = leaves.stream().mapToInt(code -> code / MerkleTree.LEAVES_DEFAULT).toArray();
        int[] indexes = leaves.stream().mapToInt(code -> code % MerkleTree.LEAVES_DEFAULT).toArray();
        outbox.send(from, new SyncLeaves(partitions, indexes));
    }

    /** The peer found leaves where our trees differ: list our keys in them to it. */
    public void onSyncLeaves(NodeId from, SyncLeaves m) {
        if (!store.treesBuilt()) return;
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < m.partitions().length; i++) {
            int p = m.partitions()[i];
            if (isShared(from, p) && store.get(p).tree().contains(store.get(p).tree().depth(), m.leaves()[i])) {
                leaves.add(LeafScan.code(p, m.leaves()[i]));
            }
        }
        if (!leaves.isEmpty()) queue(from, leaves);
    }

    /**
     * Adds leaves to the sync with {@code peer} that has not started scanning yet (the pages of one walk
     * arrive together), or queues a new one; false if one with the peer is already scanning or the
     * queue is full (the leaves wait for a later round).
     */
    private boolean queue(NodeId peer, List<Integer> leaves) {
        LeafScan scan = null;
        for (LeafScan s : scans) {
            if (s.peer().equals(peer)) scan = s;
        }
        if (scan == null) {
            if (scans.size() >= SCANS_QUEUED_MAX) return false;
            scan = new LeafScan(peer, store.keys().storage().scan(),
                    key -> LeafScan.code(store.of(key).partition(), store.of(key).leafOf(key)), keysMax, page -> outbox.send(peer, page));
            scans.add(scan);
        } else if (scan.started()) {
            return false;
        }
        for (int code : leaves) scan.add(code);
        return true;
    }

    /** A page of the peer's keys in differing leaves: push ours where they differ, pull those we lack. */
    public void onLeafKeys(NodeId from, LeafKeys m) {
        int compared = 0, pushed = 0;
        List<Key> pull = new ArrayList<>();
        for (int i = 0; i < m.keys().length; i++) {
            Key key = m.keys()[i];
            if (!isShared(from, store.of(key).partition())) continue;
            compared++;
            KeyState mine = store.of(key).get(key);
            if (PartitionReplica.entryDigest(key, mine) == m.digests()[i]) continue;
            if (mine.isEmpty()) {
                if (pull.size() < keysMax) pull.add(key);
            } else if (pushed < keysMax) {
                pushed++;
                outbox.send(from, ReplicaWrite.repair(key, mine));
            }
        }
        if (compared > 0) observer.antiEntropyKeysCompared(compared);
        if (pushed + pull.size() > 0) observer.antiEntropyKeysRepaired(pushed + pull.size());
        if (pushed > 0) observer.antiEntropyKeysSent(pushed);
        if (!pull.isEmpty()) outbox.send(from, new PullKeys(pull.toArray(new Key[0])));
    }

    /** A peer asks for our state of some keys. */
    public void onPullKeys(NodeId from, PullKeys message) {
        int sent = 0;
        for (Key key : message.keys()) {
            if (sent >= keysMax) break;
            if (!isShared(from, store.of(key).partition())) continue;
            KeyState mine = store.of(key).get(key);
            if (mine.isEmpty()) continue;
            outbox.send(from, ReplicaWrite.repair(key, mine));
            sent++;
        }
        if (sent > 0) observer.antiEntropyKeysSent(sent);
    }

    private boolean isShared(NodeId peer, int partition) {
        int[] shared = sharedPartitions.get(peer);
        return shared != null && Arrays.binarySearch(shared, partition) >= 0;
    }

    /** Tree nodes of one level on their way to a peer, sent in messages of at most NODES_PER_MESSAGE_MAX. */
    private final class NodeBatch {
        private final NodeId peer;
        private final int level;
        private int[] partitions = new int[64];
        private int[] indexes = new int[64];
        private long[] hashes = new long[64];
        private int size;
        int total;

        NodeBatch(NodeId peer, int level) {
            this.peer = peer;
            this.level = level;
        }

        void add(int partition, int index, long hash) {
            if (size == partitions.length) { // grows to NODES_PER_MESSAGE_MAX at most: full batches are flushed
                partitions = Arrays.copyOf(partitions, size * 2);
                indexes = Arrays.copyOf(indexes, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            partitions[size] = partition;
            indexes[size] = index;
            hashes[size++] = hash;
            total++;
            if (size == NODES_PER_MESSAGE_MAX) flush();
        }

        void flush() {
            if (size == 0) return;
            outbox.send(peer, new TreeNodes(level, Arrays.copyOf(partitions, size), Arrays.copyOf(indexes, size), Arrays.copyOf(hashes, size)));
            size = 0;
        }
    }
}
