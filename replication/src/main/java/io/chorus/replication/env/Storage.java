package io.chorus.replication.env;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.function.BiConsumer;

/**
 * A node's durable key/value state. Called only from the thread that owns the replica.
 * {@link #put} returns once the value is in storage (the durability level is the implementation's:
 * Chronicle Map survives a process crash, the simulator's optional power-loss model drops unsynced
 * writes). A write that cannot be stored throws {@link StorageFullException}, and nothing is applied.
 */
public interface Storage {
    /** The stored siblings of {@code key}, or null if none. */
    KeyState get(Key key);

    void put(Key key, KeyState siblings);

    /** Visits every entry; order unspecified. For anti-entropy and tests. */
    void forEach(BiConsumer<Key, KeyState> visitor);

    long size();
}
