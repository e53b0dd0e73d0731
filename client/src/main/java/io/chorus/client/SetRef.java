package io.chorus.client;

import io.chorus.crdt.type.OrSet;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetClear;
import io.chorus.replication.crdt.SetRemove;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A key holding a set (add-wins, observed-remove): a remove takes out the element as far as the
 * replica taking it has seen it added; an add concurrent with the remove keeps it. Elements are
 * bytes; the {@code String} forms send and read UTF-8. Several elements go in one operation, applied
 * together. Get one with {@link ChorusClient#set}. Retries, failures and types as for
 * {@link CounterRef}. Thread-safe.
 */
public final class SetRef {
    private final ChorusClient client;
    private final byte[] key;

    SetRef(ChorusClient client, byte[] key) {
        this.client = client;
        this.key = key;
    }

    public void add(String element, Consistency consistency) {
        addAll(List.of(element), consistency);
    }

    public void add(byte[] element, Consistency consistency) {
        addAllBytes(List.of(element), consistency);
    }

    /** Adds every element, in one operation. @throws IllegalArgumentException when there is none */
    public void addAll(Collection<String> elements, Consistency consistency) {
        client.awaitUpdates(addAllAsync(elements, consistency), 1);
    }

    public void addAllBytes(Collection<byte[]> elements, Consistency consistency) {
        client.awaitUpdates(addAllBytesAsync(elements, consistency), 1);
    }

    public CompletionStage<Void> addAsync(String element, Consistency consistency) {
        return addAllAsync(List.of(element), consistency);
    }

    public CompletionStage<Void> addAsync(byte[] element, Consistency consistency) {
        return addAllBytesAsync(List.of(element), consistency);
    }

    public CompletionStage<Void> addAllAsync(Collection<String> elements, Consistency consistency) {
        return client.updateAsync(key, new SetAdd(Elements.ofText(elements)), consistency);
    }

    public CompletionStage<Void> addAllBytesAsync(Collection<byte[]> elements, Consistency consistency) {
        return client.updateAsync(key, new SetAdd(Elements.ofBytes(elements)), consistency);
    }

    public void remove(String element, Consistency consistency) {
        removeAll(List.of(element), consistency);
    }

    public void remove(byte[] element, Consistency consistency) {
        removeAllBytes(List.of(element), consistency);
    }

    /** Removes every element, in one operation. @throws IllegalArgumentException when there is none */
    public void removeAll(Collection<String> elements, Consistency consistency) {
        client.awaitUpdates(removeAllAsync(elements, consistency), 1);
    }

    public void removeAllBytes(Collection<byte[]> elements, Consistency consistency) {
        client.awaitUpdates(removeAllBytesAsync(elements, consistency), 1);
    }

    public CompletionStage<Void> removeAsync(String element, Consistency consistency) {
        return removeAllAsync(List.of(element), consistency);
    }

    public CompletionStage<Void> removeAsync(byte[] element, Consistency consistency) {
        return removeAllBytesAsync(List.of(element), consistency);
    }

    public CompletionStage<Void> removeAllAsync(Collection<String> elements, Consistency consistency) {
        return client.updateAsync(key, new SetRemove(Elements.ofText(elements)), consistency);
    }

    public CompletionStage<Void> removeAllBytesAsync(Collection<byte[]> elements, Consistency consistency) {
        return client.updateAsync(key, new SetRemove(Elements.ofBytes(elements)), consistency);
    }

    /** Removes every element the replica taking the operation has seen. */
    public void clear(Consistency consistency) {
        client.awaitUpdates(clearAsync(consistency), 1);
    }

    public CompletionStage<Void> clearAsync(Consistency consistency) {
        return client.updateAsync(key, new SetClear(), consistency);
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
