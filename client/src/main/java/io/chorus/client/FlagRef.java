package io.chorus.client;

import io.chorus.crdt.type.EwFlag;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.FlagSet;

import java.util.concurrent.CompletionStage;

/**
 * A key holding a flag (enable-wins): an enable concurrent with a disable leaves it enabled. Get
 * one with {@link ChorusClient#flag}. Retries, failures and types as for {@link CounterRef};
 * enabling or disabling twice is harmless anyway. Thread-safe.
 */
public final class FlagRef {
    private final ChorusClient client;
    private final byte[] key;

    FlagRef(ChorusClient client, byte[] key) {
        this.client = client;
        this.key = key;
    }

    public void enable(Consistency consistency) {
        client.awaitUpdates(enableAsync(consistency), 1);
    }

    public CompletionStage<Void> enableAsync(Consistency consistency) {
        return client.updateAsync(key, new FlagSet(true), consistency);
    }

    /** Disables the flag as far as the replica taking the write has seen it enabled. */
    public void disable(Consistency consistency) {
        client.awaitUpdates(disableAsync(consistency), 1);
    }

    public CompletionStage<Void> disableAsync(Consistency consistency) {
        return client.updateAsync(key, new FlagSet(false), consistency);
    }

    /** Whether the flag is enabled; false if never written. */
    public boolean enabled(Consistency consistency) {
        return client.awaitRead(enabledAsync(consistency));
    }

    public CompletionStage<Boolean> enabledAsync(Consistency consistency) {
        return client.readAsync(key, EwFlag.class, consistency).thenApply(EwFlag::enabled);
    }
}
