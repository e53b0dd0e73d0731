package io.chorus.client;

import io.chorus.crdt.type.MvRegister;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.RegisterSet;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a multi-value register: a write replaces every value the replica taking it had
 * seen; writes that did not see each other are all kept, and a read returns each (see
 * {@link RegisterView}), like siblings but merged by the replicas and without a context to pass
 * around. Get one with {@link ChorusClient#register}. Retries, failures and types as for
 * {@link CounterRef}. Thread-safe.
 */
public final class RegisterRef {
    private final CrdtAccess client;
    private final byte[] key;
    private final WriteOptions options;

    RegisterRef(CrdtAccess client, byte[] key) {
        this(client, key, WriteOptions.DEFAULT);
    }

    private RegisterRef(CrdtAccess client, byte[] key, WriteOptions options) {
        this.client = client;
        this.key = key;
        this.options = options;
    }

    /**
     * The same key, with every update acknowledged as {@code options} asks, as in
     * {@code with(WriteOptions.DURABLE)}: only once on disk on as many replicas as the level needs.
     */
    public RegisterRef with(WriteOptions options) {
        return new RegisterRef(client, key, Objects.requireNonNull(options, "options"));
    }

    /** Writes {@code value} (its UTF-8 bytes). */
    public WriteAck set(String value, Consistency consistency) {
        return client.awaitUpdates(setAsync(value, consistency), 1);
    }

    public WriteAck set(byte[] value, Consistency consistency) {
        return client.awaitUpdates(setAsync(value, consistency), 1);
    }

    public CompletionStage<WriteAck> setAsync(String value, Consistency consistency) {
        return client.updateAsync(key, new RegisterSet(Elements.utf8(value, "value")), consistency, options);
    }

    public CompletionStage<WriteAck> setAsync(byte[] value, Consistency consistency) {
        return client.updateAsync(key, new RegisterSet(Elements.copy(value, "value")), consistency, options);
    }

    /** The values as UTF-8 text: none if never written, several after concurrent writes. */
    public List<String> values(Consistency consistency) {
        return read(consistency).values();
    }

    /** The register as read, with its values as bytes too. */
    public RegisterView read(Consistency consistency) {
        return client.awaitRead(readAsync(consistency));
    }

    public CompletionStage<RegisterView> readAsync(Consistency consistency) {
        return client.readAsync(key, MvRegister.class, consistency).thenApply(RegisterView::new);
    }
}
