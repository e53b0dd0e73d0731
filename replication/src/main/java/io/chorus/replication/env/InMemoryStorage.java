package io.chorus.replication.env;

import io.chorus.replication.message.Key;
import io.chorus.replication.replica.Siblings;

import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Storage in a sorted map: for unit tests and the simulator. Iteration order is deterministic. */
public final class InMemoryStorage implements Storage {
    private final TreeMap<Key, Siblings> entries = new TreeMap<>();

    @Override
    public Siblings get(Key key) {
        return entries.get(key);
    }

    @Override
    public void put(Key key, Siblings siblings) {
        entries.put(key, siblings);
    }

    @Override
    public void forEach(BiConsumer<Key, Siblings> visitor) {
        entries.forEach(visitor);
    }

    @Override
    public long size() {
        return entries.size();
    }

    /** A storage holding what this one holds now (a test's image of the disk before the writes a power loss drops). */
    public InMemoryStorage copy() {
        InMemoryStorage copy = new InMemoryStorage();
        copy.entries.putAll(entries);
        return copy;
    }
}
