package io.chorus.bench.run;

import io.chorus.bench.store.LocalStore;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreAck;
import io.chorus.bench.store.StoreRead;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/** Misbehaving stores for the checker tests, all with the node's version semantics ({@link KeyState}). */
final class FakeStores {
    private FakeStores() {
    }

    /** Versioned state per key with a history, so a store can serve an older state. */
    abstract static class VersionedStore implements Store {
        final ConcurrentHashMap<Key, List<KeyState>> history = new ConcurrentHashMap<>();

        KeyState write(byte[] key, byte[] value, byte[] context) {
            VersionVector seen = CausalContext.decode(context);
            List<KeyState> states = history.compute(Key.of(key), (k, old) -> {
                List<KeyState> next = old == null ? new ArrayList<>() : new ArrayList<>(old);
                KeyState last = next.isEmpty() ? KeyState.empty() : next.get(next.size() - 1);
                next.add(last.update(seen, value.clone(), "fake"));
                return next;
            });
            return states.get(states.size() - 1);
        }

        static StoreRead read(KeyState s) {
            return new StoreRead(s.liveValues(), CausalContext.encode(s.context()));
        }

        @Override
        public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
            return CompletableFuture.completedFuture(new StoreAck(CausalContext.encode(write(key, value, context).context())));
        }

        @Override
        public void close() {
        }
    }

    /** Reads return the state before the key's latest write: every read after a second write is stale. */
    static Store oneWriteBehind() {
        return new VersionedStore() {
            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                List<KeyState> states = history.getOrDefault(Key.of(key), List.of());
                KeyState served = states.isEmpty() ? KeyState.empty() : states.get(Math.max(0, states.size() - 2));
                return CompletableFuture.completedFuture(read(served));
            }
        };
    }

    /**
     * A write becomes visible to reads {@code lagNanos} after it was acknowledged, on {@code ticker}'s
     * clock: a replica that has not received it yet.
     */
    static Store lagging(FakeTicker ticker, long lagNanos) {
        ConcurrentHashMap<Key, List<long[]>> visibleAt = new ConcurrentHashMap<>(); // per key: state index -> visible from
        return new VersionedStore() {
            @Override
            public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
                KeyState s = write(key, value, context);
                visibleAt.computeIfAbsent(Key.of(key), k -> new ArrayList<>()).add(new long[]{ticker.nanoTime() + lagNanos});
                return CompletableFuture.completedFuture(new StoreAck(CausalContext.encode(s.context())));
            }

            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                List<KeyState> states = history.getOrDefault(Key.of(key), List.of());
                List<long[]> times = visibleAt.getOrDefault(Key.of(key), List.of());
                KeyState served = KeyState.empty();
                for (int i = 0; i < states.size(); i++) {
                    if (times.get(i)[0] <= ticker.nanoTime()) served = states.get(i);
                }
                return CompletableFuture.completedFuture(read(served));
            }
        };
    }

    /**
     * Replicas that see a write at different times, on {@code ticker}'s clock: {@link Store#get} (the
     * replica that took the write) at once, {@link Store#getThroughReplica} with index 1 or more
     * {@code lagNanos} after the acknowledgement.
     */
    static Store replicated(FakeTicker ticker, long lagNanos) {
        Store writer = new LocalStore();
        Store behind = lagging(ticker, lagNanos);
        return new Store() {
            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                return writer.get(key, level);
            }

            @Override
            public CompletionStage<StoreRead> getThroughReplica(byte[] key, Consistency level, int replicaIndex) {
                return replicaIndex == 0 ? writer.get(key, level) : behind.get(key, level);
            }

            @Override
            public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
                behind.put(key, value, context, level);
                return writer.put(key, value, context, level);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A one-copy store that cannot read through any replica but the first (as a client that does not know the ring). */
    static Store failingThroughReplicas(RuntimeException failure) {
        LocalStore backing = new LocalStore();
        return new Store() {
            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                return backing.get(key, level);
            }

            @Override
            public CompletionStage<StoreRead> getThroughReplica(byte[] key, Consistency level, int replicaIndex) {
                return replicaIndex == 0 ? backing.get(key, level) : CompletableFuture.failedFuture(failure);
            }

            @Override
            public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
                return backing.put(key, value, context, level);
            }

            @Override
            public void close() {
            }
        };
    }

    /** Acknowledges every write but stores only those {@code keep} says yes to (by write number). */
    static Store losingWrites(java.util.function.LongPredicate keep) {
        AtomicLong writes = new AtomicLong();
        LocalStore backing = new LocalStore();
        return new Store() {
            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                return backing.get(key, level);
            }

            @Override
            public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
                CompletionStage<StoreAck> stored = backing.put(key, value, context, level);
                if (keep.test(writes.incrementAndGet())) return stored;
                // the lost write is acknowledged with a context that claims a write nobody stored
                VersionVector claimed = CausalContext.decode(context).with(new io.chorus.crdt.clock.Dot("ghost", writes.get()));
                return CompletableFuture.completedFuture(new StoreAck(CausalContext.encode(claimed)));
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Completes at once but advances {@code ticker} by the call's service time, given by call number
     * (0-based): how a slow or stalled store looks on a virtual clock.
     */
    static Store slow(FakeTicker ticker, LongUnaryOperator serviceNanosOfCall) {
        AtomicLong calls = new AtomicLong();
        LocalStore backing = new LocalStore();
        return new Store() {
            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                ticker.advance(serviceNanosOfCall.applyAsLong(calls.getAndIncrement()));
                return backing.get(key, level);
            }

            @Override
            public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
                ticker.advance(serviceNanosOfCall.applyAsLong(calls.getAndIncrement()));
                return backing.put(key, value, context, level);
            }

            @Override
            public void close() {
            }
        };
    }

    /** Fails every call with {@code failure}. */
    static Store failing(RuntimeException failure) {
        return new Store() {
            @Override
            public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
                return CompletableFuture.failedFuture(failure);
            }

            @Override
            public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
                return CompletableFuture.failedFuture(failure);
            }

            @Override
            public void close() {
            }
        };
    }
}
