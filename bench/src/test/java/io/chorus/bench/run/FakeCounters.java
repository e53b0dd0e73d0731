package io.chorus.bench.run;

import io.chorus.bench.store.ErrorKinds;
import io.chorus.bench.store.LocalStore;
import io.chorus.bench.store.Store;
import io.chorus.bench.store.StoreAck;
import io.chorus.bench.store.StoreRead;
import io.chorus.replication.state.Consistency;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/** Stores whose counters misbehave, or fail in the ways the counter checks must tell apart. */
final class FakeCounters {
    private FakeCounters() {
    }

    /** A store's failure that leaves the increment's outcome unknown, like the client's {@code Timeout}. */
    static final class Unknown extends RuntimeException {
        Unknown(String message) {
            super(message);
        }
    }

    /** Counters (and values) in a {@link LocalStore}; increments are numbered from 1 in the order they arrive. */
    abstract static class Backed implements Store {
        final LocalStore backing = new LocalStore();
        final AtomicLong increments = new AtomicLong();

        /** Only {@link Unknown} may have been applied: any other failure of these fakes applied nothing. */
        @Override
        public boolean mayHaveBeenApplied(Throwable failure) {
            return ErrorKinds.unwrap(failure) instanceof Unknown;
        }

        @Override
        public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
            return backing.get(key, level);
        }

        @Override
        public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
            return backing.put(key, value, context, level);
        }

        @Override
        public CompletionStage<Long> counterValue(byte[] key, Consistency level) {
            return backing.counterValue(key, level);
        }

        @Override
        public void close() {
        }
    }

    /** Acknowledges every increment but counts only those {@code kept} says yes to (by number). */
    static Backed losing(LongPredicate kept) {
        return new Backed() {
            @Override
            public CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
                if (kept.test(increments.incrementAndGet())) return backing.increment(key, amount, level);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    /** Counts the increments {@code twice} says yes to (by number) twice: a retry applied again. */
    static Backed doubleCounting(LongPredicate twice) {
        return new Backed() {
            @Override
            public CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
                if (twice.test(increments.incrementAndGet())) backing.increment(key, amount, level);
                return backing.increment(key, amount, level);
            }
        };
    }

    /**
     * Fails the increments {@code failing} says yes to (by number) with an unknown outcome
     * ({@link Unknown}), having counted them when {@code applied}; every other one with number
     * divisible by 7 is refused with nothing counted.
     */
    static Backed timingOut(LongPredicate failing, boolean applied) {
        return new Backed() {
            @Override
            public CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
                long n = increments.incrementAndGet();
                if (failing.test(n)) {
                    if (applied) backing.increment(key, amount, level);
                    return CompletableFuture.failedFuture(new Unknown("increment " + n + " timed out"));
                }
                if (n % 7 == 0) return CompletableFuture.failedFuture(new IllegalStateException("increment " + n + " refused"));
                return backing.increment(key, amount, level);
            }
        };
    }

    /**
     * Counts every increment, but reads below {@code ALL} return one less than the counter holds
     * once it is above 0: a replica that missed the last increment. Reads at {@code ALL} are right.
     */
    static Backed oneBehindBelowAll() {
        return new Backed() {
            @Override
            public CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
                return backing.increment(key, amount, level);
            }

            @Override
            public CompletionStage<Long> counterValue(byte[] key, Consistency level) {
                return backing.counterValue(key, level).thenApply(v -> level == Consistency.ALL || v == 0 ? v : v - 1);
            }
        };
    }
}
