package io.chorus.replication.hints;

import io.chorus.replication.Invariants;
import io.chorus.replication.config.HintLimits;
import io.chorus.replication.env.Effects;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.message.HintWrite;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.message.ReplicaWriteAck;
import io.chorus.replication.partition.LocalKeys;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The hints this node keeps as a fallback, and their handover. A hint is a key this node does not
 * replicate, stored here for one or more of its primaries; each tick at most {@code
 * hintReplayKeysPerTick} of them go to their primaries that are alive, as acknowledged merges; a
 * primary's acknowledgement of the state as it was when sent discharges it, and a key owed to no
 * one any more is removed from storage. Deliveries use negative op ids, coordinators positive ones,
 * so the router tells their acknowledgements apart.
 */
public final class HintStore {
    /** How many hinted keys a tick may look at per key it may send, so a tick stays cheap when the primaries are down. */
    private static final int SCAN_PER_SEND = 8;

    private final NodeId self;
    private final HintLimits limits;
    private final LocalKeys keys;
    private final Effects effects;
    private final ReplicaObserver observer;
    private final Function<Key, List<NodeId>> primariesOf;
    private final long deliveryTimeoutTicks;
    private final TreeMap<Key, Hint> hints = new TreeMap<>();
    private final TreeMap<Long, Delivery> deliveries = new TreeMap<>();
    private long bytes;
    private long nextOpId = -1;
    private Key cursor;
    private int reportedCount;
    private long reportedBytes;
    private long tick;

    /** Who a hinted key is owed to, what it weighs, and which state version each delivery carried. */
    private static final class Hint {
        final TreeSet<NodeId> targets = new TreeSet<>();
        final TreeSet<NodeId> sending = new TreeSet<>();
        long bytes;
        long version;
    }

    private record Delivery(Key key, NodeId target, long version, long sentTick) {
    }

    public HintStore(NodeId self, HintLimits limits, LocalKeys keys, Effects effects, ReplicaObserver observer,
                     Function<Key, List<NodeId>> primariesOf, long deliveryTimeoutTicks) {
        this.self = self;
        this.limits = limits;
        this.keys = keys;
        this.effects = effects;
        this.observer = observer;
        this.primariesOf = primariesOf;
        this.deliveryTimeoutTicks = deliveryTimeoutTicks;
    }

    /**
     * A key found in storage by the start-up scan that this node does not replicate: a hint whose
     * targets were not stored, so it is owed to every primary (a merge they already hold costs them
     * nothing). Loaded past the limits too: it is already stored, and refusing it would not free the
     * space. The scan runs over the first ticks: a key already known here came in since start, and
     * {@link #onHint} loaded what was stored of it then, so the scan has nothing to add.
     */
    public void load(Key key, KeyState state) {
        if (hints.containsKey(key)) return;
        Hint hint = new Hint();
        hint.targets.addAll(primariesOf.apply(key));
        hint.bytes = state.approximateBytes();
        bytes += hint.bytes;
        hints.put(key, hint);
    }

    /** A coordinator asks this node to keep a write for {@code m.target()}; acknowledged once stored. */
    public void onHint(NodeId from, HintWrite m) {
        List<NodeId> primaries = primariesOf.apply(m.key());
        Invariants.check(!primaries.contains(self), "a hint for key %s reached %s, one of its primaries", m.key(), self);
        if (!primaries.contains(m.target())) {
            refuse(from, m, m.target() + " is not a primary of key " + m.key());
            return;
        }
        KeyState current = keys.get(m.key());
        if (!hints.containsKey(m.key()) && !current.isEmpty()) load(m.key(), current); // stored before start, not scanned yet
        Hint hint = hints.get(m.key());
        KeyState merged = current.merge(m.siblings());
        long grown = merged.approximateBytes() - (hint == null ? 0 : hint.bytes);
        if (hint == null && hints.size() >= limits.hintsMax()) {
            refuse(from, m, "hints for " + hints.size() + " keys are held (limit hintsMax=" + limits.hintsMax() + ")");
            return;
        }
        if (bytes + grown > limits.hintBytesMax()) {
            refuse(from, m, "hints take " + bytes + " bytes, this one " + grown + " more (limit hintBytesMax=" + limits.hintBytesMax() + ")");
            return;
        }
        if (!merged.equals(current) || m.durable()) {
            String noRoom = keys.roomFor(m.key(), merged);
            if (noRoom != null) {
                refuse(from, m, noRoom);
                return;
            }
            keys.write(m.key(), current, merged, m.durable());
        }
        if (hint == null) hints.put(m.key(), hint = new Hint());
        hint.targets.add(m.target());
        hint.bytes += grown;
        Invariants.check(hint.bytes == merged.approximateBytes(), "a hint counts %s bytes, its state has %s", hint.bytes, merged.approximateBytes());
        hint.version++;
        bytes += grown;
        observer.hintStored();
        effects.sendAfterPersist(from, new ReplicaWriteAck(m.opId(), m.key(), null));
    }

    private void refuse(NodeId from, HintWrite m, String why) {
        observer.hintRefused();
        effects.send(from, new ReplicaWriteAck(m.opId(), m.key(), self + " cannot keep a hint for " + m.target() + ": " + why
                + "; anti-entropy will repair the key"));
    }

    /** Forgets stalled deliveries, then hands over up to hintReplayKeysPerTick keys to primaries that are alive. */
    public void onTick(long tick, Predicate<NodeId> alive) {
        this.tick = tick;
        expireDeliveries();
        if (hints.size() != reportedCount || bytes != reportedBytes) {
            reportedCount = hints.size();
            reportedBytes = bytes;
            observer.hintsHeld(reportedCount, reportedBytes);
        }
        if (hints.isEmpty()) return;
        int scanMax = Math.min(hints.size(), limits.hintReplayKeysPerTick() * SCAN_PER_SEND);
        List<Key> round = new ArrayList<>(scanMax); // round robin from where the last tick stopped
        for (Key key : (cursor == null ? hints : hints.tailMap(cursor, false)).keySet()) {
            if (round.size() >= scanMax) break;
            round.add(key);
        }
        if (cursor != null) {
            for (Key key : hints.headMap(cursor, true).keySet()) {
                if (round.size() >= scanMax) break;
                round.add(key);
            }
        }
        int sent = 0;
        for (Key key : round) {
            if (sent >= limits.hintReplayKeysPerTick()) break;
            cursor = key;
            if (deliver(key, hints.get(key), alive)) sent++;
        }
    }

    /** Sends the key's state to each of its targets that is alive and not already being sent to; true if any was. */
    private boolean deliver(Key key, Hint hint, Predicate<NodeId> alive) {
        boolean any = false;
        KeyState state = null;
        for (NodeId target : hint.targets) {
            if (hint.sending.contains(target) || !alive.test(target)) continue;
            if (state == null) state = keys.get(key);
            long opId = nextOpId--;
            deliveries.put(opId, new Delivery(key, target, hint.version, tick));
            hint.sending.add(target);
            effects.send(target, new ReplicaWrite(opId, key, state, true, false));
            any = true;
        }
        return any;
    }

    private void expireDeliveries() {
        while (!deliveries.isEmpty()) {
            Map.Entry<Long, Delivery> oldest = deliveries.lastEntry(); // op ids count down: the last is the oldest
            if (tick - oldest.getValue().sentTick() < deliveryTimeoutTicks) return;
            deliveries.remove(oldest.getKey());
            Hint hint = hints.get(oldest.getValue().key());
            if (hint != null) hint.sending.remove(oldest.getValue().target());
        }
    }

    /** Whether {@code opId} is one of this store's deliveries (negative), whatever became of it. */
    public static boolean isDelivery(long opId) {
        return opId < 0;
    }

    /** A primary acknowledged a delivery: the hint is discharged for it if the state it got is still the latest. */
    public void onAck(NodeId from, ReplicaWriteAck ack) {
        Delivery delivery = deliveries.get(ack.opId());
        if (delivery == null || !delivery.target().equals(from) || !delivery.key().equals(ack.key())) return;
        deliveries.remove(ack.opId());
        Hint hint = hints.get(delivery.key());
        if (hint == null) return;
        hint.sending.remove(from);
        if (!ack.ok() || hint.version != delivery.version()) return; // refused, or a newer hint came: send again
        hint.targets.remove(from);
        observer.hintDelivered();
        if (!hint.targets.isEmpty()) return;
        hints.remove(delivery.key());
        bytes -= hint.bytes;
        Invariants.check(bytes >= 0, "hint bytes went negative (%s)", bytes);
        if (!primariesOf.apply(delivery.key()).contains(self)) keys.remove(delivery.key()); // a replica by now: the data is its own
    }

    /** Keys hinted here now. */
    public int count() {
        return hints.size();
    }

    /** Approximate bytes of the hinted states. */
    public long bytes() {
        return bytes;
    }

    /** Keys owed to {@code target} (tests). */
    public int countFor(NodeId target) {
        int n = 0;
        for (Hint hint : hints.values()) if (hint.targets.contains(target)) n++;
        return n;
    }
}
