package io.chorus.bench.store;

import io.chorus.replication.state.Consistency;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the load driver needs from a key-value store: an asynchronous get and a put with a causal
 * context, and for the counter workload an increment and a read of a CRDT counter. The driver is
 * written against this seam so that its logic (workloads, open-loop pacing, the stale-read checker,
 * the final verification) can be tested against in-memory fakes, and the real cluster is reached
 * through one small adapter over the public client.
 *
 * <p>Contexts are the bytes of {@link io.chorus.replication.message.CausalContext} (an encoded
 * version vector); {@code null} or empty means "nothing seen". The checker decodes them to decide
 * whether a read has seen a write.
 *
 * <p>Failures complete the stage exceptionally; {@link #errorKind} names the kind for the report.
 * Implementations must be thread-safe: every driver thread calls them.
 */
public interface Store extends AutoCloseable {

    /** Reads {@code key} at {@code level}: all concurrent values and the context to write back with. */
    CompletionStage<StoreRead> get(byte[] key, Consistency level);

    /**
     * Reads {@code key} at {@code level} through the replica at {@code replicaIndex} of the key's
     * preference list, which coordinates the read (0 is the replica {@link #get} and {@link #put}
     * go to while it is up). At {@code ONE} a replica answers from its own copy, so this shows
     * whether a write has reached that replica. A store with a single copy, as this default
     * assumes, reads that copy whatever the index. The stage fails when the key has no such replica.
     */
    default CompletionStage<StoreRead> getThroughReplica(byte[] key, Consistency level, int replicaIndex) {
        return get(key, level);
    }

    /**
     * Writes {@code value}, superseding exactly what {@code context} has seen (null: nothing, so an
     * existing value stays as a sibling). The stage completes when the store acknowledged it.
     */
    CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level);

    /**
     * Adds {@code amount} to the counter at {@code key}. The stage completes when the store
     * acknowledged the increment, which then counts exactly once however often the store retried
     * it (Chorus retries under one operation id). A store without counters fails the stage.
     */
    default CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this store has no counters"));
    }

    /** The counter's value at {@code level}: 0 for a counter never incremented. */
    default CompletionStage<Long> counterValue(byte[] key, Consistency level) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this store has no counters"));
    }

    /**
     * Whether a failed write may still have been applied (its outcome is unknown, as after a
     * timeout) rather than refused with nothing applied. The counter checks widen a counter's
     * allowed range by such increments. A failure the store cannot tell apart may have been: the
     * answer that never fails a correct store.
     */
    default boolean mayHaveBeenApplied(Throwable failure) {
        return true;
    }

    /** A short name for the kind of a failure, e.g. "Timeout" or "Unavailable", for counting errors by kind. */
    default String errorKind(Throwable failure) {
        return ErrorKinds.of(failure);
    }

    @Override
    void close();
}
