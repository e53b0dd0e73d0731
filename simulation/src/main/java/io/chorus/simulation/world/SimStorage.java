package io.chorus.simulation.world;

import io.chorus.replication.env.Storage;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The simulated twin of a node's Chronicle Map. It outlives the {@code Replica}: a process crash
 * drops the replica object and keeps this, as a memory-mapped file survives {@code kill -9}. With
 * the power-loss model on, puts stay unsynced until {@link #sync()}, and {@link #losePower()} drops
 * them, as a machine losing power drops dirty pages. Sorted maps keep iteration deterministic.
 */
public final class SimStorage implements Storage {
    private final TreeMap<Key, KeyState> synced = new TreeMap<>();
    private final TreeMap<Key, KeyState> unsynced = new TreeMap<>();
    private final boolean powerLossModel;
    private final Observer observer;

    /** Sees every put with the state it replaces (null if none), and what a power loss drops. */
    @FunctionalInterface
    public interface Observer {
        void stored(Key key, KeyState before, KeyState after);

        /** A power loss rolls {@code key} back from {@code lost} to {@code durable} (null if the key was never synced). */
        default void lost(Key key, KeyState durable, KeyState lost) {
        }
    }

    /**
     * @param powerLossModel whether puts wait for {@link #sync()} to become durable
     * @param observer       sees every put (the simulator learns which dot a value was minted with)
     *                       and every state a power loss drops
     */
    public SimStorage(boolean powerLossModel, Observer observer) {
        this.powerLossModel = powerLossModel;
        this.observer = observer;
    }

    @Override
    public KeyState get(Key key) {
        KeyState pending = unsynced.get(key);
        return pending != null ? pending : synced.get(key);
    }

    @Override
    public void put(Key key, KeyState siblings) {
        observer.stored(key, get(key), siblings);
        (powerLossModel ? unsynced : synced).put(key, siblings);
    }

    /**
     * A write the node's write-ahead log makes durable: the key's whole new state is synced at once
     * (the log holds the state, not a diff), whatever other keys still wait in the page cache.
     */
    public void put(Key key, KeyState state, boolean durable) {
        if (!durable || !powerLossModel) {
            put(key, state);
            return;
        }
        observer.stored(key, get(key), state);
        unsynced.remove(key);
        synced.put(key, state);
    }

    @Override
    public void forEach(BiConsumer<Key, KeyState> visitor) {
        if (unsynced.isEmpty()) synced.forEach(visitor); else snapshot().forEach(visitor);
    }

    /** In key order over what a reader sees now. */
    @Override
    public io.chorus.replication.env.StorageScan scan() {
        return new io.chorus.replication.env.KeyOrderScan(() -> unsynced.isEmpty() ? synced : snapshot());
    }

    @Override
    public long size() {
        if (unsynced.isEmpty()) return synced.size();
        return snapshot().size();
    }

    /** Makes every put so far durable (an fsync). */
    public void sync() {
        synced.putAll(unsynced);
        unsynced.clear();
    }

    /** Power loss: unsynced puts are gone. Returns how many keys lost their latest state. */
    public int losePower() {
        int lost = unsynced.size();
        unsynced.forEach((key, latest) -> observer.lost(key, synced.get(key), latest));
        unsynced.clear();
        return lost;
    }

    /** What a reader sees now, synced or not, in key order. */
    public TreeMap<Key, KeyState> snapshot() {
        TreeMap<Key, KeyState> all = new TreeMap<>(synced);
        all.putAll(unsynced);
        return all;
    }
}
