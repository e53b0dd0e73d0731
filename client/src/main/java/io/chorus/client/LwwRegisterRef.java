package io.chorus.client;

import io.chorus.crdt.type.LwwRegister;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.LwwSet;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a last-writer-wins register: one value, the write with the latest hybrid logical
 * timestamp (stamped by the replica taking it, after every timestamp it has seen, so a write that
 * follows another in causal order always wins; of two concurrent writes, one is lost). Get one
 * with {@link ChorusClient#lwwRegister}. Retries, failures and types as for {@link CounterRef}.
 * Thread-safe.
 */
public final class LwwRegisterRef {
    private final CrdtAccess client;
    private final byte[] key;
    private final WriteOptions options;

    LwwRegisterRef(CrdtAccess client, byte[] key) {
        this(client, key, WriteOptions.DEFAULT);
    }

    private LwwRegisterRef(CrdtAccess client, byte[] key, WriteOptions options) {
        this.client = client;
        this.key = key;
        this.options = options;
    }

    /**
     * The same key, with every update acknowledged as {@code options} asks, as in
     * {@code with(WriteOptions.DURABLE)}: only once on disk on as many replicas as the level needs.
     */
    public LwwRegisterRef with(WriteOptions options) {
        return new LwwRegisterRef(client, key, Objects.requireNonNull(options, "options"));
    }

    /** Writes {@code value} (its UTF-8 bytes). */
    public WriteAck set(String value, Consistency consistency) {
        return client.awaitUpdates(setAsync(value, consistency), 1);
    }

    public WriteAck set(byte[] value, Consistency consistency) {
        return client.awaitUpdates(setAsync(value, consistency), 1);
    }

    public CompletionStage<WriteAck> setAsync(String value, Consistency consistency) {
        return client.updateAsync(key, new LwwSet(Elements.utf8(value, "value")), consistency, options);
    }

    public CompletionStage<WriteAck> setAsync(byte[] value, Consistency consistency) {
        return client.updateAsync(key, new LwwSet(Elements.copy(value, "value")), consistency, options);
    }

    /** The value as UTF-8 text; empty if never written. */
    public Optional<String> value(Consistency consistency) {
        return read(consistency).value();
    }

    /** The register as read, with its value as bytes too. */
    public LwwRegisterView read(Consistency consistency) {
        return client.awaitRead(readAsync(consistency));
    }

    public CompletionStage<LwwRegisterView> readAsync(Consistency consistency) {
        return client.readAsync(key, LwwRegister.class, consistency).thenApply(LwwRegisterView::new);
    }
}
