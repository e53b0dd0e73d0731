package io.chorus.ycsb;

import io.chorus.client.Context;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest causal context this process has seen per key (from reads and write acknowledgements),
 * shared by every YCSB thread, so that an overwrite supersedes what the client knew instead of
 * adding a sibling. Bounded: when a new key would make it hold more than {@link #ENTRIES_MAX} it
 * starts over (at most that many plus one per thread racing it; an overwrite of a forgotten key then reads once for its context).
 *
 * <p>Each key has a {@link Slot} of its own, made once: remembering a context for a known key is a
 * lock-free lookup and a volatile write, not a map update (which locks a bin of the map, and 32
 * threads on the zipfian hot keys contend for it), and an update looks its key up once for both its
 * read and its write of the context. As with a plain map, the last context remembered wins.
 */
final class ContextCache {
    static final int ENTRIES_MAX = 2_000_000;

    /** The latest context seen for one key; null until one was seen. */
    static final class Slot extends AtomicReference<Context> {
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final int entriesMax;

    ContextCache() {
        this(ENTRIES_MAX);
    }

    ContextCache(int entriesMax) {
        if (entriesMax < 1) throw new IllegalArgumentException("entriesMax " + entriesMax);
        this.entriesMax = entriesMax;
    }

    /** The slot of {@code key}, made (empty) the first time. */
    Slot slot(String key) {
        Slot slot = slots.get(key);
        if (slot != null) return slot;
        if (slots.size() >= entriesMax) slots.clear(); // slots held by callers now are forgotten: harmless
        return slots.computeIfAbsent(key, k -> new Slot());
    }

    /** The latest context seen for {@code key}, or null. */
    Context get(String key) {
        Slot slot = slots.get(key);
        return slot == null ? null : slot.get();
    }

    void remember(String key, Context context) {
        slot(key).set(context);
    }

    int size() {
        return slots.size();
    }
}
