package io.chorus.client;

import io.chorus.crdt.type.EwFlag;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.FlagSet;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a flag (enable-wins): an enable concurrent with a disable leaves it enabled. Get
 * one with {@link ChorusClient#flag}. Retries, failures and types as for {@link CounterRef};
 * enabling or disabling twice is harmless anyway. Thread-safe.
 */
public final class FlagRef {
    private final CrdtAccess client;
    private final byte[] key;
    private final WriteOptions options;

    FlagRef(CrdtAccess client, byte[] key) {
        this(client, key, WriteOptions.DEFAULT);
    }

    private FlagRef(CrdtAccess client, byte[] key, WriteOptions options) {
        this.client = client;
        this.key = key;
        this.options = options;
    }

    /**
     * The same key, with every update acknowledged as {@code options} asks, as in
     * {@code with(WriteOptions.DURABLE)}: only once on disk on as many replicas as the level needs.
     */
    public FlagRef with(WriteOptions options) {
        return new FlagRef(client, key, Objects.requireNonNull(options, "options"));
    }

    public WriteAck enable(Consistency consistency) {
        return client.awaitUpdates(enableAsync(consistency), 1);
    }

    public CompletionStage<WriteAck> enableAsync(Consistency consistency) {
        return client.updateAsync(key, new FlagSet(true), consistency, options);
    }

    /** Disables the flag as far as the replica taking the write has seen it enabled. */
    public WriteAck disable(Consistency consistency) {
        return client.awaitUpdates(disableAsync(consistency), 1);
    }

    public CompletionStage<WriteAck> disableAsync(Consistency consistency) {
        return client.updateAsync(key, new FlagSet(false), consistency, options);
    }

    /** Whether the flag is enabled; false if never written. */
    public boolean enabled(Consistency consistency) {
        return client.awaitRead(enabledAsync(consistency));
    }

    public CompletionStage<Boolean> enabledAsync(Consistency consistency) {
        return client.readAsync(key, EwFlag.class, consistency).thenApply(EwFlag::enabled);
    }
}
