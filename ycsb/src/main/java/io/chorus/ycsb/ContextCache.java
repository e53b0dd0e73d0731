package io.chorus.ycsb;

import io.chorus.client.Context;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest causal context this process has seen per key (from reads and write acknowledgements),
 * shared by every YCSB thread, so that an overwrite supersedes what the client knew instead of
 * adding a sibling. Bounded: past {@link #ENTRIES_MAX} it starts over (an overwrite of a forgotten
 * key then reads once for its context).
 */
final class ContextCache {
    static final int ENTRIES_MAX = 2_000_000;

    private final ConcurrentHashMap<String, Context> contexts = new ConcurrentHashMap<>();

    Context get(String key) {
        return contexts.get(key);
    }

    void remember(String key, Context context) {
        if (contexts.size() >= ENTRIES_MAX) contexts.clear();
        contexts.put(key, context);
    }
}
