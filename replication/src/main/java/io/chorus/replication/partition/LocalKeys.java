package io.chorus.replication.partition;

import io.chorus.replication.Invariants;
import io.chorus.replication.env.Effects;
import io.chorus.replication.env.Storage;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.TreeMap;

/**
 * This node's key states: storage as the shell last persisted it, plus the writes of the step in
 * progress, which are outputs the shell has not stored yet. Reads see the step's own writes; the
 * overlay is dropped when the step's Ready is taken, since the shell stores every write of a Ready
 * before the next step (the Ready contract).
 */
public final class LocalKeys {
    private final Storage storage;
    private final TreeMap<Key, KeyState> writtenThisStep = new TreeMap<>();
    private Effects effects;
    private final java.util.List<Listener> listeners = new java.util.ArrayList<>(2);

    /** Sees every key state this node writes, with the one it replaces (tombstone bookkeeping). */
    @FunctionalInterface
    public interface Listener {
        void written(Key key, KeyState before, KeyState after);
    }

    public LocalKeys(Storage storage) {
        this.storage = storage;
    }

    /** Where this step's writes go; set by the router once. */
    public void bind(Effects effects) {
        this.effects = effects;
    }

    /** Adds one who sees every write from now on (tombstone and expiry bookkeeping); set up by the router. */
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** The key's state, empty if none. */
    public KeyState get(Key key) {
        KeyState pending = writtenThisStep.get(key);
        if (pending != null) return pending;
        KeyState stored = storage.get(key);
        return stored == null ? KeyState.empty() : stored;
    }

    /**
     * Replaces the key's state with {@code after}, which must include {@code before} (a stored version
     * vector only grows), as an output for the shell to persist.
     */
    public void write(Key key, KeyState before, KeyState after, boolean durable) {
        Invariants.check(after.context().descends(before.context()), "key %s: stored context %s would shrink to %s",
                key, before.context(), after.context());
        writtenThisStep.put(key, after);
        effects.persist(key, after, durable);
        for (Listener listener : listeners) listener.written(key, before, after);
    }

    /**
     * Forgets the key (a hint handed over, a purged tombstone's marker expired), as an output for the
     * shell: storing an empty state removes the key.
     */
    public void remove(Key key) {
        KeyState before = get(key);
        writtenThisStep.put(key, KeyState.empty());
        effects.persist(key, KeyState.empty(), false);
        for (Listener listener : listeners) listener.written(key, before, KeyState.empty());
    }

    /** Whether the storage can take {@code state} for {@code key}: null if so, else why not. */
    public String roomFor(Key key, KeyState state) {
        return storage.roomFor(key, state);
    }

    /** The step's writes were handed to the shell: from now on storage has them. */
    public void stepDone() {
        writtenThisStep.clear();
    }

    /** Checks that storage holds every write made so far (a scan of it would otherwise miss some). */
    void assertNoPendingWrites() {
        Invariants.check(writtenThisStep.isEmpty(), "storage scanned while %s writes of the step are not stored",
                writtenThisStep.size());
    }

    public Storage storage() {
        return storage;
    }
}
