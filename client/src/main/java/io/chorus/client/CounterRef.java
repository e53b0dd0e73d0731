package io.chorus.client;

import io.chorus.crdt.type.PnCounter;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.CounterAdd;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a counter (a PN-counter): increments and decrements taken by any node are merged,
 * never lost and never counted twice. Get one with {@link ChorusClient#counter}; it holds no state
 * of its own, so make one whenever convenient. Thread-safe.
 *
 * <p>Updates are retried under one operation id (see {@link ChorusClient}'s "CRDT values"), so a
 * successful call counts exactly once. A failed call with {@link ChorusException#mayHaveBeenApplied()}
 * may have counted once; any other failure counted nothing. A key's type is fixed by its first
 * write: using a key that holds something else fails with {@code InvalidRequest} naming both types.
 */
public final class CounterRef {
    private final CrdtAccess client;
    private final byte[] key;
    private final WriteOptions options;

    CounterRef(CrdtAccess client, byte[] key) {
        this(client, key, WriteOptions.DEFAULT);
    }

    private CounterRef(CrdtAccess client, byte[] key, WriteOptions options) {
        this.client = client;
        this.key = key;
        this.options = options;
    }

    /**
     * The same key, with every update acknowledged as {@code options} asks, as in
     * {@code with(WriteOptions.DURABLE)}: only once on disk on as many replicas as the level needs.
     */
    public CounterRef with(WriteOptions options) {
        return new CounterRef(client, key, Objects.requireNonNull(options, "options"));
    }

    /** Adds {@code amount} (>= 0), acknowledged by as many replicas as {@code consistency} needs. */
    public WriteAck increment(long amount, Consistency consistency) {
        return client.awaitUpdates(incrementAsync(amount, consistency), 1);
    }

    public CompletionStage<WriteAck> incrementAsync(long amount, Consistency consistency) {
        return client.updateAsync(key, new CounterAdd(Elements.nonNegative(amount, "increment")), consistency, options);
    }

    /** Subtracts {@code amount} (>= 0); counters may go below zero. */
    public WriteAck decrement(long amount, Consistency consistency) {
        return client.awaitUpdates(decrementAsync(amount, consistency), 1);
    }

    public CompletionStage<WriteAck> decrementAsync(long amount, Consistency consistency) {
        return client.updateAsync(key, new CounterAdd(-Elements.nonNegative(amount, "decrement")), consistency, options);
    }

    /** The value, merged from as many replicas as {@code consistency} needs; 0 if never written. */
    public long value(Consistency consistency) {
        return client.awaitRead(valueAsync(consistency));
    }

    public CompletionStage<Long> valueAsync(Consistency consistency) {
        return client.readAsync(key, PnCounter.class, consistency).thenApply(PnCounter::value);
    }
}
