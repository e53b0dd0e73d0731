package io.chorus.replication.replica;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Key;
import io.chorus.replication.ring.KeyHash;
import io.chorus.replication.ring.Ring;

import java.util.function.BiConsumer;

/**
 * This node's replica state on top of {@link Storage}: minting client writes, merging replica
 * writes, and a running digest per partition (XOR of a hash of every key's state) so that
 * anti-entropy can tell in one number whether two replicas of a partition agree. Every write goes
 * through here, which keeps the digests exact.
 */
final class LocalStore {
    private final Storage storage;
    private final Ring ring;
    private final long[] partitionDigests;

    LocalStore(Storage storage, Ring ring) {
        this.storage = storage;
        this.ring = ring;
        this.partitionDigests = new long[ring.partitions()];
        storage.forEach((key, siblings) -> partitionDigests[ring.partitionOf(key.bytesUnsafe())] ^= entryDigest(key, siblings));
    }

    /** The key's state, empty if none. */
    Siblings get(Key key) {
        Siblings stored = storage.get(key);
        return stored == null ? Siblings.empty() : stored;
    }

    /**
     * Applies a client write as {@code actor}, the new version superseding what {@code context} saw.
     * Refused (null, nothing applied) when the key would hold more than {@code siblingsMax} values.
     */
    Siblings mint(Key key, byte[] valueOrNull, VersionVector context, String actor, int siblingsMax) {
        Siblings current = get(key);
        if (current.sizeAfterUpdate(context) > siblingsMax) return null;
        Siblings updated = current.update(context, valueOrNull, actor);
        store(key, current, updated);
        return updated;
    }

    /** Merges another replica's state of the key into ours; returns what is stored now. */
    Siblings merge(Key key, Siblings incoming) {
        Siblings current = get(key);
        Siblings merged = current.merge(incoming);
        if (!merged.equals(current)) store(key, current, merged);
        return merged;
    }

    private void store(Key key, Siblings before, Siblings after) {
        storage.put(key, after); // throws StorageFullException before anything changes
        int partition = ring.partitionOf(key.bytesUnsafe());
        partitionDigests[partition] ^= entryDigest(key, before) ^ entryDigest(key, after);
    }

    int partitionCount() {
        return partitionDigests.length;
    }

    long partitionDigest(int partition) {
        return partitionDigests[partition];
    }

    /** Visits every key of the given partitions with its state (a full scan: only on digest mismatch). */
    void forEachIn(boolean[] partitions, BiConsumer<Key, Siblings> visitor) {
        storage.forEach((key, siblings) -> {
            if (partitions[ring.partitionOf(key.bytesUnsafe())]) visitor.accept(key, siblings);
        });
    }

    static long entryDigest(Key key, Siblings siblings) {
        if (siblings.isEmpty()) return 0;
        long h = KeyHash.hash64(key.bytesUnsafe()) * 0x9E3779B97F4A7C15L + siblings.digest();
        return h == 0 ? 1 : h;
    }
}
