package io.chorus.replication.env;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Storage in a sorted map: for unit tests and the simulator. Iteration order is deterministic. */
public final class InMemoryStorage implements Storage {
    private final TreeMap<Key, KeyState> entries = new TreeMap<>();

    @Override
    public KeyState get(Key key) {
        return entries.get(key);
    }

    @Override
    public void put(Key key, KeyState siblings) {
        entries.put(key, siblings);
    }

    @Override
    public void forEach(BiConsumer<Key, KeyState> visitor) {
        entries.forEach(visitor);
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public StorageScan scan() {
        return new KeyOrderScan(() -> entries);
    }

    /** A storage holding what this one holds now (a test's image of the disk before the writes a power loss drops). */
    public InMemoryStorage copy() {
        InMemoryStorage copy = new InMemoryStorage();
        copy.entries.putAll(entries);
        return copy;
    }
}
