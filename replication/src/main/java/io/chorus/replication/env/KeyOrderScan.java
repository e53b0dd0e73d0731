package io.chorus.replication.env;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.Map;
import java.util.NavigableMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A {@link StorageScan} in key order over a sorted view of the entries (in-memory and simulated storage). */
public final class KeyOrderScan implements StorageScan {
    private final Supplier<NavigableMap<Key, KeyState>> view;
    private Key last; // the last key visited; null before the first chunk
    private boolean done;

    public KeyOrderScan(Supplier<NavigableMap<Key, KeyState>> view) {
        this.view = view;
    }

    @Override
    public boolean next(int entriesMax, Predicate<Key> wanted, BiConsumer<Key, KeyState> visitor) {
        if (entriesMax < 1) throw new IllegalArgumentException("entriesMax must be at least 1, was " + entriesMax);
        if (done) return false;
        NavigableMap<Key, KeyState> entries = view.get();
        int visited = 0;
        for (Map.Entry<Key, KeyState> e : (last == null ? entries : entries.tailMap(last, false)).entrySet()) {
            if (visited++ == entriesMax) return true;
            last = e.getKey();
            if (wanted.test(last)) visitor.accept(last, e.getValue());
        }
        done = true;
        return false;
    }

    @Override
    public boolean passed(Key key) {
        return done || last != null && key.compareTo(last) <= 0;
    }
}
