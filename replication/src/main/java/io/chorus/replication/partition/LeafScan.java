package io.chorus.replication.partition;

import io.chorus.replication.env.StorageScan;
import io.chorus.replication.merkle.MerkleTree;
import io.chorus.replication.message.LeafKeys;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One anti-entropy leaf sync with a peer, on this side: a pass over this node's storage, a chunk per
 * tick, picking out the keys that fall in the leaves the two trees differ in, and sending them with
 * their digests to the peer in {@link LeafKeys} pages of at most {@code keysMax} keys and
 * {@link #PAGE_BYTES_MAX} bytes of keys. No per-key index exists to find a leaf's keys: the scan is
 * the price of keeping only the tree on the heap, paid in the background and only when trees differ.
 */
final class LeafScan {
    /** Key bytes per page, far under a 2 MiB frame even with keysMax keys of the largest size. */
    static final int PAGE_BYTES_MAX = 256 << 10;

    private final NodeId peer;
    private final BitSet leaves = new BitSet(); // by LeafScan.code(partition, leaf): 128 bytes per partition at most
    private final StorageScan scan;
    private final ToIntFunction<Key> leafCode;
    private final int keysMax;
    private final Consumer<LeafKeys> send;
    private final List<Key> keys = new ArrayList<>();
    private final List<Long> digests = new ArrayList<>();
    private int pageBytes;
    private boolean started;

    LeafScan(NodeId peer, StorageScan scan, ToIntFunction<Key> leafCode, int keysMax, Consumer<LeafKeys> send) {
        this.peer = peer;
        this.scan = scan;
        this.leafCode = leafCode;
        this.keysMax = keysMax;
        this.send = send;
    }

    /** A leaf's index in the scan's set: leaves of one partition are contiguous. */
    static int code(int partition, int leaf) {
        return partition * MerkleTree.LEAVES_DEFAULT + leaf;
    }

    NodeId peer() {
        return peer;
    }

    /** Adds a leaf to sync; false once the scan has started (it could miss the leaf's keys already passed). */
    boolean add(int code) {
        if (started) return false;
        leaves.set(code);
        return true;
    }

    boolean started() {
        return started;
    }

    /** Scans about {@code entriesMax} more entries, sending every page that fills; true once the scan is over. */
    boolean step(int entriesMax) {
        started = true;
        boolean more = scan.next(entriesMax, key -> leaves.get(leafCode.applyAsInt(key)), (key, state) -> {
            long digest = PartitionReplica.entryDigest(key, state);
            if (digest == 0) return;
            keys.add(key);
            digests.add(digest);
            pageBytes += key.length();
            if (keys.size() >= keysMax || pageBytes >= PAGE_BYTES_MAX) flush();
        });
        if (!more) flush();
        return !more;
    }

    private void flush() {
        if (keys.isEmpty()) return;
        send.accept(new LeafKeys(keys.toArray(new Key[0]), digests.stream().mapToLong(Long::longValue).toArray()));
        keys.clear();
        digests.clear();
        pageBytes = 0;
    }
}
