package io.chorus.replication.partition;

import io.chorus.replication.Invariants;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.state.Sibling;

import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values put with a TTL on this node's replicas, in order of expiry, so that each is dropped from
 * storage soon after it expires by this node's clock. Dropping keeps the key's context (see {@link
 * KeyState#withoutExpired}), as a delete does, so it needs no agreement between replicas: merged with
 * a replica that still holds the value, the kept context drops it there too, and no hint, repair or
 * late message can bring it back. A key left with no sibling is a purge marker ({@link Tombstones}).
 * Readers never depend on the drop: every read filters expired values by its coordinator's clock.
 *
 * <p>Replicas drop a value when their own clocks pass its expiry; until the last has, anti-entropy
 * sees their states differ, and a replica holding the marker answers a copy of the expired value
 * with the marker ({@link Tombstones#beforeWrite}), so they agree after one exchange.
 *
 * <p>Bounded: at most {@code trackedMax} keys are tracked (those expiring first); a key past the
 * bound is counted, and tracked again when next written or after a restart (the start-up scan).
 */
public final class Expiries implements LocalKeys.Listener {
    /** Most keys tracked (about 100 bytes of heap each plus the key). */
    public static final int TRACKED_MAX = 1_000_000;
    /** Most keys whose expired values one tick drops (a backlog after a restart is spread over ticks). */
    public static final int DROPS_PER_TICK_MAX = 1_000;

    /** A key whose earliest expiring value expires at {@code atMillis}. */
    private record Due(long atMillis, Key key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(atMillis, o.atMillis);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final Function<Key, PartitionReplica> partitions;
    private final Predicate<Key> replicated;
    private final ReplicaObserver observer;
    private final int trackedMax;
    private final TreeSet<Due> due = new TreeSet<>();
    private long untracked;

    /** @param replicated whether this node is a replica of a key (a hint it keeps for another node is not its to expire) */
    public Expiries(Function<Key, PartitionReplica> partitions, Predicate<Key> replicated, ReplicaObserver observer) {
        this(partitions, replicated, observer, TRACKED_MAX);
    }

    Expiries(Function<Key, PartitionReplica> partitions, Predicate<Key> replicated, ReplicaObserver observer, int trackedMax) {
        if (trackedMax < 1) throw new IllegalArgumentException("trackedMax " + trackedMax + " must be at least 1");
        this.partitions = partitions;
        this.replicated = replicated;
        this.observer = observer;
        this.trackedMax = trackedMax;
    }

    /** A key found in storage by the start-up scan, with its state then. */
    public void loaded(Key key, KeyState state) {
        written(key, KeyState.empty(), state);
    }

    @Override
    public void written(Key key, KeyState before, KeyState after) {
        if (!replicated.test(key) || !partitions.apply(key).counted(key)) return; // the start-up scan loads it later
        long was = before.nextExpiryMillis();
        long next = after.nextExpiryMillis();
        if (was == next) return;
        if (was != Sibling.NEVER) due.remove(new Due(was, key));
        if (next != Sibling.NEVER) track(new Due(next, key));
    }

    private void track(Due entry) {
        if (entry.atMillis() == Sibling.NEVER) throw Invariants.violated("tracked %s for expiry, but nothing of it expires", entry.key());
        if (due.size() < trackedMax) {
            due.add(entry);
            return;
        }
        untracked++;
        if (entry.compareTo(due.last()) < 0) { // keep the ones expiring first
            due.pollLast();
            due.add(entry);
        }
    }

    /** Drops the values expired at {@code nowMillis} (this node's clock), for at most {@link #DROPS_PER_TICK_MAX} keys. */
    public void onTick(long nowMillis) {
        int dropped = 0;
        for (int keys = 0; keys < DROPS_PER_TICK_MAX && !due.isEmpty() && due.first().atMillis() <= nowMillis; keys++) {
            Key key = due.pollFirst().key();
            if (replicated.test(key)) dropped += partitions.apply(key).dropExpired(key, nowMillis); // re-tracks a later expiry
        }
        if (dropped > 0) observer.expiredValuesDropped(dropped);
        if (due.size() > trackedMax) throw Invariants.violated("%s keys tracked for expiry, more than %s", due.size(), trackedMax);
    }

    /** Keys tracked for expiry now. */
    public int trackedCount() {
        return due.size();
    }

    /** Keys with expiring values that were past the tracking bound (since start). */
    public long untrackedCount() {
        return untracked;
    }
}
