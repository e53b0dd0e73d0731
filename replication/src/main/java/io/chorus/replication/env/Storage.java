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

    /**
     * Stores the key's new state. The shell calls it for every write of a {@code Ready}; it throws
     * {@link StorageFullException}, storing nothing, when the state does not fit.
     */
    void put(Key key, KeyState siblings);

    /**
     * Whether {@link #put} would take this state: null if so, else why not. The core asks before it
     * decides a write, so that a write refused for room is refused before anything is acknowledged.
     */
    default String roomFor(Key key, KeyState state) {
        return null;
    }

    /** Visits every entry; order unspecified. For anti-entropy and tests. */
    void forEach(BiConsumer<Key, KeyState> visitor);

    long size();

    /**
     * A resumable scan of every entry, a chunk at a time. The default visits everything in its first
     * chunk ({@link #forEach}); a storage with millions of keys overrides it with a real cursor.
     */
    default StorageScan scan() {
        Storage storage = this;
        return new StorageScan() {
            private boolean done;

            @Override
            public boolean next(int entriesMax, java.util.function.Predicate<Key> wanted, BiConsumer<Key, KeyState> visitor) {
                if (!done) storage.forEach((key, state) -> {
                    if (wanted.test(key)) visitor.accept(key, state);
                });
                done = true;
                return false;
            }

            @Override
            public boolean passed(Key key) {
                return done;
            }
        };
    }
}
