package io.chorus.client;

import io.chorus.crdt.type.MvRegister;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.RegisterSet;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a multi-value register: a write replaces every value the replica taking it had
 * seen; writes that did not see each other are all kept, and a read returns each (see
 * {@link RegisterView}), like siblings but merged by the replicas and without a context to pass
 * around. Get one with {@link ChorusClient#register}. Retries, failures and types as for
 * {@link CounterRef}. Thread-safe.
 */
public final class RegisterRef {
    private final ChorusClient client;
    private final byte[] key;

    RegisterRef(ChorusClient client, byte[] key) {
        this.client = client;
        this.key = key;
    }

    /** Writes {@code value} (its UTF-8 bytes). */
    public void set(String value, Consistency consistency) {
        client.awaitUpdates(setAsync(value, consistency), 1);
    }

    public void set(byte[] value, Consistency consistency) {
        client.awaitUpdates(setAsync(value, consistency), 1);
    }

    public CompletionStage<Void> setAsync(String value, Consistency consistency) {
        return client.updateAsync(key, new RegisterSet(Elements.utf8(value, "value")), consistency);
    }

    public CompletionStage<Void> setAsync(byte[] value, Consistency consistency) {
        return client.updateAsync(key, new RegisterSet(Elements.copy(value, "value")), consistency);
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
