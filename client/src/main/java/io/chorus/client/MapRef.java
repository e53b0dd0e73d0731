package io.chorus.client;

import io.chorus.crdt.type.OrMap;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.MapRemove;
import io.chorus.replication.crdt.MapUpdate;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A key holding a map of nested counters, sets, registers, flags and maps, each under a field
 * (a name and a type). Get one with {@link ChorusClient#map}; read it with {@link #get}, change it
 * with {@link #update}. Types as for {@link CounterRef}. Thread-safe.
 *
 * <p><b>One update, several operations.</b> The nodes take one field's operation at a time, so an
 * update that changes several fields is sent as several operations, one after another, in the
 * order written (see {@link MapUpdates} for which changes are combined). Each is retried under its
 * own operation id and counts once. They are not atomic together: a reader may see the first
 * field changed and not yet the second, and if one fails, the ones before it stay applied and the
 * ones after it are not sent; the failure says which field failed and how many went before.
 */
public final class MapRef {
    private final CrdtAccess client;
    private final byte[] key;
    private final WriteOptions options;

    MapRef(CrdtAccess client, byte[] key) {
        this(client, key, WriteOptions.DEFAULT);
    }

    private MapRef(CrdtAccess client, byte[] key, WriteOptions options) {
        this.client = client;
        this.key = key;
        this.options = options;
    }

    /**
     * The same key, with every update acknowledged as {@code options} asks, as in
     * {@code with(WriteOptions.DURABLE)}: only once on disk on as many replicas as the level needs.
     */
    public MapRef with(WriteOptions options) {
        return new MapRef(client, key, Objects.requireNonNull(options, "options"));
    }

    /**
     * Applies the changes {@code changes} names, as in
     * {@code map.update(QUORUM, m -> m.counter("visits").increment(1).set("tags").add("x"))}.
     *
     * @throws IllegalArgumentException when {@code changes} names no change
     */
    public WriteAck update(Consistency consistency, Consumer<MapUpdates> changes) {
        List<CrdtOp> operations = operations(changes);
        return client.awaitUpdates(send(operations, 0, consistency), operations.size());
    }

    public CompletionStage<WriteAck> updateAsync(Consistency consistency, Consumer<MapUpdates> changes) {
        return send(operations(changes), 0, consistency);
    }

    /** The map as read, merged from as many replicas as {@code consistency} needs; empty if never written. */
    public MapView get(Consistency consistency) {
        return client.awaitRead(getAsync(consistency));
    }

    public CompletionStage<MapView> getAsync(Consistency consistency) {
        return client.readAsync(key, OrMap.class, consistency).thenApply(MapView::new);
    }

    private static List<CrdtOp> operations(Consumer<MapUpdates> changes) {
        MapUpdates updates = new MapUpdates();
        Objects.requireNonNull(changes, "changes").accept(updates);
        List<CrdtOp> operations = updates.operations();
        if (operations.isEmpty()) throw new IllegalArgumentException("the map update names no change");
        return operations;
    }

    /**
     * Sends operations {@code index..} one after another, each once the one before succeeded; the
     * update is durable when every operation was.
     */
    private CompletableFuture<WriteAck> send(List<CrdtOp> operations, int index, Consistency consistency) {
        CrdtOp operation = operations.get(index);
        CompletableFuture<WriteAck> sent = client.updateAsync(key, operation, consistency, options);
        if (operations.size() > 1) sent = sent.exceptionally(failure -> {
            throw stoppedAt(operations, index, failure);
        });
        return index + 1 == operations.size() ? sent : sent.thenCompose(first -> send(operations, index + 1, consistency)
                .thenApply(rest -> new WriteAck(Context.NONE, first.durable() && rest.durable())));
    }

    private static RuntimeException stoppedAt(List<CrdtOp> operations, int index, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof ChorusException failed)) return cause instanceof RuntimeException r ? r : new CompletionException(cause);
        String detail = failed.detail() + " (map update stopped at field " + describe(operations.get(index)) + ": " + index + " of "
                + operations.size() + " operations applied before it, " + (operations.size() - index - 1) + " not sent)";
        return new ChorusException(failed.kind(), detail, failed);
    }

    /** The field an operation changes, nested fields joined with dots: {@code address.city (last-writer-wins register)}. */
    static String describe(CrdtOp operation) {
        StringBuilder path = new StringBuilder();
        CrdtOp nested = operation;
        while (nested instanceof MapUpdate update) {
            path.append(path.length() == 0 ? "" : ".").append(update.field());
            nested = update.operation();
        }
        if (nested instanceof MapRemove remove) {
            path.append(path.length() == 0 ? "" : ".").append(remove.field());
            return path + " (" + remove.type().displayName() + ", removing it)";
        }
        return path + " (" + nested.target().displayName() + ")";
    }
}
