package io.chorus.client;

import io.chorus.crdt.type.OrSet;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetClear;
import io.chorus.replication.crdt.SetRemove;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a set (add-wins, observed-remove): a remove takes out the element as far as the
 * replica taking it has seen it added; an add concurrent with the remove keeps it. Elements are
 * bytes; the {@code String} forms send and read UTF-8. Several elements go in one operation, applied
 * together. Get one with {@link ChorusClient#set}. Retries, failures and types as for
 * {@link CounterRef}. Thread-safe.
 */
public final class SetRef {
    private final CrdtAccess client;
    private final byte[] key;
    private final WriteOptions options;

    SetRef(CrdtAccess client, byte[] key) {
        this(client, key, WriteOptions.DEFAULT);
    }

    private SetRef(CrdtAccess client, byte[] key, WriteOptions options) {
        this.client = client;
        this.key = key;
        this.options = options;
    }

    /**
     * The same key, with every update acknowledged as {@code options} asks, as in
     * {@code with(WriteOptions.DURABLE)}: only once on disk on as many replicas as the level needs.
     */
    public SetRef with(WriteOptions options) {
        return new SetRef(client, key, Objects.requireNonNull(options, "options"));
    }

    public WriteAck add(String element, Consistency consistency) {
        return addAll(List.of(element), consistency);
    }

    public WriteAck add(byte[] element, Consistency consistency) {
        return addAllBytes(List.of(element), consistency);
    }

    /** Adds every element, in one operation. @throws IllegalArgumentException when there is none */
    public WriteAck addAll(Collection<String> elements, Consistency consistency) {
        return client.awaitUpdates(addAllAsync(elements, consistency), 1);
    }

    public WriteAck addAllBytes(Collection<byte[]> elements, Consistency consistency) {
        return client.awaitUpdates(addAllBytesAsync(elements, consistency), 1);
    }

    public CompletionStage<WriteAck> addAsync(String element, Consistency consistency) {
        return addAllAsync(List.of(element), consistency);
    }

    public CompletionStage<WriteAck> addAsync(byte[] element, Consistency consistency) {
        return addAllBytesAsync(List.of(element), consistency);
    }

    public CompletionStage<WriteAck> addAllAsync(Collection<String> elements, Consistency consistency) {
        return client.updateAsync(key, new SetAdd(Elements.ofText(elements)), consistency, options);
    }

    public CompletionStage<WriteAck> addAllBytesAsync(Collection<byte[]> elements, Consistency consistency) {
        return client.updateAsync(key, new SetAdd(Elements.ofBytes(elements)), consistency, options);
    }

    public WriteAck remove(String element, Consistency consistency) {
        return removeAll(List.of(element), consistency);
    }

    public WriteAck remove(byte[] element, Consistency consistency) {
        return removeAllBytes(List.of(element), consistency);
    }

    /** Removes every element, in one operation. @throws IllegalArgumentException when there is none */
    public WriteAck removeAll(Collection<String> elements, Consistency consistency) {
        return client.awaitUpdates(removeAllAsync(elements, consistency), 1);
    }

    public WriteAck removeAllBytes(Collection<byte[]> elements, Consistency consistency) {
        return client.awaitUpdates(removeAllBytesAsync(elements, consistency), 1);
    }

    public CompletionStage<WriteAck> removeAsync(String element, Consistency consistency) {
        return removeAllAsync(List.of(element), consistency);
    }

    public CompletionStage<WriteAck> removeAsync(byte[] element, Consistency consistency) {
        return removeAllBytesAsync(List.of(element), consistency);
    }

    public CompletionStage<WriteAck> removeAllAsync(Collection<String> elements, Consistency consistency) {
        return client.updateAsync(key, new SetRemove(Elements.ofText(elements)), consistency, options);
    }

    public CompletionStage<WriteAck> removeAllBytesAsync(Collection<byte[]> elements, Consistency consistency) {
        return client.updateAsync(key, new SetRemove(Elements.ofBytes(elements)), consistency, options);
    }

    /** Removes every element the replica taking the operation has seen. */
    public WriteAck clear(Consistency consistency) {
        return client.awaitUpdates(clearAsync(consistency), 1);
    }

    public CompletionStage<WriteAck> clearAsync(Consistency consistency) {
        return client.updateAsync(key, new SetClear(), consistency, options);
    }

    public boolean contains(String element, Consistency consistency) {
        return read(consistency).contains(element);
    }

    public boolean contains(byte[] element, Consistency consistency) {
        return read(consistency).contains(element);
    }

    /** The elements as UTF-8 text, in unsigned byte order; empty if never written. */
    public List<String> elements(Consistency consistency) {
        return read(consistency).elements();
    }

    /** The set as read, with its elements as bytes too. */
    public SetView read(Consistency consistency) {
        return client.awaitRead(readAsync(consistency));
    }

    public CompletionStage<SetView> readAsync(Consistency consistency) {
        return client.readAsync(key, OrSet.class, consistency).thenApply(SetView::new);
    }
}
