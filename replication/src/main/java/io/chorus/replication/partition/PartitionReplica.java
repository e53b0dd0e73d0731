package io.chorus.replication.partition;

import io.chorus.replication.Invariants;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.HybridClock;
import io.chorus.crdt.type.Update;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.CrdtOps;
import io.chorus.replication.merkle.MerkleTree;
import io.chorus.replication.ring.KeyHash;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.function.Predicate;

/**
 * This node's replica of one partition: the transitions of its keys' states (minting a client
 * write, applying a CRDT operation, merging another replica's state) and the partition's
 * {@link MerkleTree}, so that anti-entropy can tell in one number whether two replicas of a
 * partition agree, and if not, in which few leaves. Every write of the partition goes through here
 * and updates the tree by a delta (no rescan). The tree is on the heap (8.4 KiB, allocated with the
 * partition's first key); keys are not: finding a leaf's keys is a storage scan ({@link LeafScan}).
 * While the tree is being rebuilt from storage at start ({@link TreeBuild}), a write updates it only
 * if the build has already counted its key; otherwise the build counts the key's state when it
 * reaches it.
 */
public final class PartitionReplica {
    private final int partition;
    private final LocalKeys keys;
    private final Predicate<Key> counted;
    private MerkleTree tree; // null until the partition's first key

    PartitionReplica(int partition, LocalKeys keys, Predicate<Key> counted) {
        this.partition = partition;
        this.keys = keys;
        this.counted = counted;
    }

    /** Counts a key's stored state into the tree (the build, once per key). */
    void count(Key key, KeyState state) {
        long d = entryDigest(key, state);
        if (d != 0) tree().update(tree.leafOf(key.bytesUnsafe()), d);
    }

    /** Whether the start-up scan has reached {@code key} (so the writes to it are tracked by delta from here on). */
    boolean counted(Key key) {
        return counted.test(key);
    }

    public int partition() {
        return partition;
    }

    public KeyState get(Key key) {
        return keys.get(key);
    }

    /**
     * Mints a client write as {@code actor}, the new version superseding what {@code context} saw.
     * A non-zero {@code mintId} is stored with the value, so that a duplicate of the same request,
     * even after this replica restarted, is recognised and not minted twice. {@code expiresAtMillis}
     * (0: never) is stored with the new value (a TTL put's expiry, fixed by its coordinator).
     */
    public Minted mint(Key key, byte[] valueOrNull, VersionVector context, String actor, Limits limits, long mintId, boolean durable,
                       long expiresAtMillis) {
        if ((mintId & 1) != 0) throw Invariants.violated("mint id %d is odd: bit 0 marks a refusal", mintId);
        KeyState current = keys.get(key);
        if (mintId != 0 && current.appliedOps().contains(mintId)) return Minted.ok(current, current.context());
        if (mintId != 0 && current.appliedOps().contains(AppliedOps.refusalMark(mintId))) {
            return Minted.tooManySiblings("key " + key + " refused this write (operation " + mintId + ") before, so nothing of it"
                    + " was applied: read it and write back with the read's context to resolve its concurrent values");
        }
        if (current.crdt() != null && !current.crdt().isEmpty()) {
            return Minted.invalid("key " + key + " holds a " + current.crdt().type().displayName()
                    + ", not plain values: use the " + current.crdt().type().displayName() + " operations");
        }
        if (current.sizeAfterUpdate(context) > limits.siblingsMax()) {
            return refuse(key, current, mintId, durable, "key " + key + " already holds " + current.size()
                    + " concurrent values (limit siblingsMax=" + limits.siblingsMax() + "): read it and write back with the read's"
                    + " context to resolve them");
        }
        KeyState updated = current.update(context, valueOrNull, actor, expiresAtMillis);
        // A write adds to what the key has seen and never forgets any of it (else a superseded value could come back).
        if (!updated.context().dominates(current.context())) throw Invariants.violated("write on %s lost versions: %s after %s", key, updated.context(), current.context());
        if (mintId != 0) updated = updated.withAppliedOp(mintId);
        if (updated.approximateBytes() > limits.keyStateBytesMax()) {
            return refuse(key, current, mintId, durable, "key " + key + " would hold " + updated.approximateBytes()
                    + " bytes of concurrent values (limit keyStateBytesMax=" + limits.keyStateBytesMax() + "): read it and write"
                    + " back with the read's context to resolve them");
        }
        String noRoom = keys.roomFor(key, updated);
        if (noRoom != null) return Minted.storageFull(noRoom);
        store(key, current, updated, durable);
        return Minted.ok(updated.mintDelta(context, actor, mintId), updated.context());
    }

    /**
     * Refuses a write as TooManySiblings, which promises that nothing of it is applied, ever: so the
     * refusal is stored with the key ({@link AppliedOps#refusalMark}), and a copy of the mint request arriving
     * later (a retransmission, after this replica forgot the request or restarted) is refused again
     * instead of minted. Without an id (a coordinator's own mint, which never travels) nothing is kept.
     */
    private Minted refuse(Key key, KeyState current, long mintId, boolean durable, String reason) {
        if (mintId != 0) {
            KeyState marked = current.withAppliedOp(AppliedOps.refusalMark(mintId));
            if (keys.roomFor(key, marked) == null) store(key, current, marked, durable);
        }
        return Minted.tooManySiblings(reason);
    }

    /**
     * Applies CRDT operation {@code operationId} as {@code actor}; what the other replicas must merge
     * is the delta (or the whole value, when this replica had already applied the operation, which
     * is then not applied again).
     */
    public Minted applyCrdt(Key key, CrdtOp op, long operationId, String actor, HybridClock clock, long physicalMillis, boolean durable) {
        KeyState current = keys.get(key);
        if (current.hasLiveValues()) return Minted.invalid("key " + key + " holds plain values, not a " + op.target().displayName());
        if (current.crdt() != null && current.crdt().type() != op.target()) {
            return Minted.invalid("key " + key + " holds a " + current.crdt().type().displayName()
                    + ", not a " + op.target().displayName() + ": a key's type is fixed by its first write");
        }
        if (current.appliedOps().contains(operationId)) {
            return Minted.ok(KeyState.ofCrdt(current.crdt(), current.appliedOps()), VersionVector.empty());
        }
        Update<?> update;
        try {
            update = CrdtOps.apply(current.crdt(), op, actor, clock, physicalMillis);
        } catch (IllegalArgumentException e) {
            return Minted.invalid(e.getMessage());
        }
        KeyState updated = current.withCrdt(update.state(), operationId);
        String noRoom = keys.roomFor(key, updated);
        if (noRoom != null) return Minted.storageFull(noRoom);
        store(key, current, updated, durable);
        return Minted.ok(KeyState.ofCrdt(update.delta(), AppliedOps.of(operationId)), VersionVector.empty());
    }

    /** Merges another replica's state (or a delta) of the key into ours; null if stored, else why not. */
    public String merge(Key key, KeyState incoming, boolean durable) {
        KeyState current = keys.get(key);
        KeyState merged = current.merge(incoming);
        if (merged.equals(current)) {
            if (durable) store(key, current, current, true); // the ack claims it is on disk: make it so
            return null;
        }
        String noRoom = keys.roomFor(key, merged);
        if (noRoom != null) return noRoom;
        store(key, current, merged, durable);
        return null;
    }

    /**
     * Drops the key's values expired at {@code nowMillis}, keeping its context (see {@link
     * KeyState#withoutExpired}); how many were dropped.
     */
    int dropExpired(Key key, long nowMillis) {
        KeyState current = keys.get(key);
        KeyState after = current.withoutExpired(nowMillis);
        if (after == current) return 0;
        store(key, current, after, false);
        return current.size() - after.size();
    }

    /** Replaces the key's tombstone-only state by its purge marker (see {@link Tombstones}). */
    void purge(Key key) {
        KeyState current = keys.get(key);
        store(key, current, current.purged(), false);
    }

    private void store(Key key, KeyState before, KeyState after, boolean durable) {
        keys.write(key, before, after, durable);
        if (counted.test(key)) {
            long delta = entryDigest(key, before) ^ entryDigest(key, after);
            if (delta != 0) tree().update(tree.leafOf(key.bytesUnsafe()), delta);
        }
    }

    /** The root of the partition's tree: equal on two replicas when they hold the same states (0 if empty). */
    public long digest() {
        return tree == null ? 0 : tree.root();
    }

    /** The partition's tree, allocated on first use. */
    public MerkleTree tree() {
        if (tree == null) tree = new MerkleTree();
        return tree;
    }

    /** The leaf of the partition's tree that {@code key} falls in. */
    public int leafOf(Key key) {
        return tree().leafOf(key.bytesUnsafe());
    }

    /**
     * A key's contribution to its leaf: a hash of the key and its state, 0 when it holds nothing or
     * only a purge marker (local bookkeeping that replicas never compare, see {@link Tombstones}).
     */
    public static long entryDigest(Key key, KeyState state) {
        if (state.isEmpty() || state.isPurgeMarker()) return 0;
        long h = KeyHash.hash64(key.bytesUnsafe()) * 0x9E3779B97F4A7C15L + state.digest();
        return h == 0 ? 1 : h;
    }

    /** The limits a mint checks. */
    public record Limits(int siblingsMax, long keyStateBytesMax) {
    }
}
