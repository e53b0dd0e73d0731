package io.chorus.bench.store;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A single-copy store in this process, with the same version semantics as a node (dotted version
 * vector sets, {@link KeyState}), completing every call at once. For {@code chorus bench --cluster
 * local}: a dry run that shows what the driver alone costs, with no network and no server. It is
 * never stale, since there is only one copy. Counters are kept apart from plain values (a node
 * instead fixes a key's type by its first write and refuses the other kind).
 */
public final class LocalStore implements Store {
    private static final String ACTOR = "local";

    private final ConcurrentHashMap<Key, KeyState> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, LongAdder> counters = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
        KeyState stored = entries.getOrDefault(Key.of(key), KeyState.empty());
        return CompletableFuture.completedFuture(new StoreRead(stored.liveValues(), CausalContext.encode(stored.context())));
    }

    @Override
    public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
        VersionVector seen;
        try {
            seen = CausalContext.decode(context);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        KeyState updated = entries.compute(Key.of(key),
                (k, old) -> (old == null ? KeyState.empty() : old).update(seen, value.clone(), ACTOR));
        return CompletableFuture.completedFuture(new StoreAck(CausalContext.encode(updated.context())));
    }

    @Override
    public CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
        if (amount < 0) return CompletableFuture.failedFuture(new IllegalArgumentException("increment must be >= 0, got " + amount));
        counters.computeIfAbsent(Key.of(key), k -> new LongAdder()).add(amount);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> counterValue(byte[] key, Consistency level) {
        LongAdder counter = counters.get(Key.of(key));
        return CompletableFuture.completedFuture(counter == null ? 0L : counter.sum());
    }

    /** Keys stored, for tests. */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() {
        entries.clear();
        counters.clear();
    }
}
