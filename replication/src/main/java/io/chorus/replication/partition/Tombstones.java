package io.chorus.replication.partition;

import io.chorus.replication.Invariants;
import io.chorus.replication.env.Effects;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.message.PurgeTombstone;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tombstone collection on this node, by causal stability rather than a grace period: a tombstone
 * goes only when a purge check ({@code coordinate.TombstonePurge}) saw every replica of the key hold
 * the very same tombstone-only state, and no other node hold anything of it (no hint of an older
 * write waiting anywhere). A replica that missed the delete, however long it was away, holds
 * something else, so the check fails and the tombstone stays until it has caught up.
 *
 * <p>A purged tombstone leaves a purge marker: its context (and remembered mint ids), no sibling.
 * The context cannot go: dots are counted per key, so a replica that forgot a key's context would
 * mint the same dots again for its next write, and a client still holding a context from before
 * the delete would then supersede a value it never saw; a late copy of a deleted value would also
 * come back. A marker costs the key and one counter per actor that wrote it; removing it too needs
 * dot counters that outlive the key (per partition, as Riak's vnode counters). Markers are
 * invisible to anti-entropy (digest 0) and to readers.
 *
 * <p>Tombstones held here are tracked for the sweep that checks them again (those from deletes
 * that did not reach every replica at once), up to {@code pendingTrackedMax} keys; past it they
 * are counted only, and tracked again after a restart.
 */
public final class Tombstones implements LocalKeys.Listener {
    private final LocalKeys keys;
    private final Function<Key, PartitionReplica> partitions;
    private final Effects effects;
    private final ReplicaObserver observer;
    private final int pendingTrackedMax;
    private boolean forgetContext; // the injected naive purge (tests only)
    private final TreeSet<Key> pending = new TreeSet<>();
    private long markers;
    private long untracked;
    private long reportedPending = -1;
    private Key sweepCursor;

    public Tombstones(LocalKeys keys, Function<Key, PartitionReplica> partitions, Effects effects, ReplicaObserver observer, int pendingTrackedMax) {
        this.keys = keys;
        this.partitions = partitions;
        this.effects = effects;
        this.observer = observer;
        this.pendingTrackedMax = pendingTrackedMax;
    }

    /** Tests: purge the naive way, forgetting the key's context (InjectedBug.PURGE_WITHOUT_EVERY_REPLICA). */
    public void forgetContextOnPurge() {
        this.forgetContext = true;
    }

    /** A key found in storage by the start-up scan (the tree build), with its state then. */
    public void loaded(Key key, KeyState state) {
        written(key, KeyState.empty(), state);
    }

    @Override
    public void written(Key key, KeyState before, KeyState after) {
        if (!partitions.apply(key).counted(key)) return; // the start-up scan has not reached it: it loads the state written
        if (after.isTombstoneOnly()) {
            if (!pending.contains(key)) {
                if (pending.size() < pendingTrackedMax) pending.add(key); else untracked++;
            }
        } else {
            pending.remove(key);
        }
        if (after.isPurgeMarker() != before.isPurgeMarker()) markers += after.isPurgeMarker() ? 1 : -1;
        if (markers < 0) throw Invariants.violated("purge markers counted below zero (%s) after a write of %s", markers, key);
    }

    /** A purge check's verdict: if this replica still holds exactly that tombstone, it goes (a marker stays a while). */
    public void onPurge(PurgeTombstone m) {
        KeyState current = keys.get(m.key());
        if (!current.isTombstoneOnly() || !current.context().equals(m.context())) return; // written since: not stable any more
        if (forgetContext) keys.remove(m.key()); else partitions.apply(m.key()).purge(m.key());
        observer.tombstonePurged();
    }

    /**
     * A peer sends a tombstone this replica has already purged (its purge did not reach the peer):
     * the check that purged it covered the peer too, so the peer may purge it as well. A peer sends
     * values this replica dropped as expired, with nothing newer: it gets the marker, which drops them.
     */
    public void beforeWrite(NodeId from, ReplicaWrite m) {
        KeyState current = keys.get(m.key());
        if (!current.isPurgeMarker() || !current.context().descends(m.siblings().context())) return;
        if (m.siblings().isTombstoneOnly()) {
            effects.send(from, new PurgeTombstone(m.key(), current.context()));
        } else if (m.siblings().hasExpiringValues()) { // values that expired here (Expiries): the marker drops them there too
            effects.send(from, ReplicaWrite.repair(m.key(), current));
        }
    }

    /** Reports the tombstones held when their count changed. */
    public void onTick() {
        long count = pendingCount();
        if (count != reportedPending) {
            reportedPending = count;
            observer.tombstonesPending(count);
        }
    }

    /**
     * Checks again up to {@code max} tracked tombstones that {@code mine} accepts (this node sweeps
     * the keys it is the first primary of), round robin; stops when {@code check} declines (a
     * member is down: no check can succeed now).
     */
    public void sweep(int max, Predicate<Key> mine, Predicate<Key> check) {
        int started = 0;
        int looked = 0;
        List<Key> round = new ArrayList<>();
        for (Key key : sweepCursor == null ? pending : pending.tailSet(sweepCursor, false)) {
            if (++looked > max * 8) break;
            round.add(key);
        }
        if (round.isEmpty()) {
            sweepCursor = null; // came to the end: start over next time
            return;
        }
        for (Key key : round) {
            if (started >= max) return;
            if (mine.test(key)) {
                if (!check.test(key)) return;
                started++;
            }
            sweepCursor = key;
        }
    }

    /** Tombstone-only keys held here (tracked, plus those past the tracking bound). */
    public long pendingCount() {
        return pending.size() + untracked;
    }

    /** Purge markers held here (purged tombstones' contexts). */
    public long markerCount() {
        return markers;
    }
}
