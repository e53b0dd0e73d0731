package io.chorus.bench.store;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteOptions;
import io.chorus.replication.state.Consistency;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The real cluster, through the public client ({@link ChorusClient}: routes each request to a
 * replica of its key). One instance per connection the driver opens; it owns its client.
 */
public final class ChorusStore implements Store {
    private final ChorusClient client;
    private final WriteOptions writes;

    public ChorusStore(ChorusClient client) {
        this(client, WriteOptions.DEFAULT);
    }

    /** @param writes how every put and increment is acknowledged ({@link WriteOptions#DURABLE}: once fsynced) */
    public ChorusStore(ChorusClient client, WriteOptions writes) {
        this.client = client;
        this.writes = writes;
    }

    @Override
    public CompletionStage<StoreRead> get(byte[] key, Consistency level) {
        return client.getAsync(key, level).thenApply(ChorusStore::read);
    }

    /** Through the replica's node, named with {@link ChorusClient#getAsync(byte[], Consistency, InetSocketAddress)}. */
    @Override
    public CompletionStage<StoreRead> getThroughReplica(byte[] key, Consistency level, int replicaIndex) {
        List<InetSocketAddress> replicas = client.replicas(key);
        if (replicaIndex < 0 || replicaIndex >= replicas.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no replica " + replicaIndex + " to read through: the key has "
                    + replicas.size() + " replicas as the client knows the cluster" + (client.knowsRing() ? "" : " (it does not know the ring)")));
        }
        return client.getAsync(key, level, replicas.get(replicaIndex)).thenApply(ChorusStore::read);
    }

    private static StoreRead read(ReadResult result) {
        return new StoreRead(result.values(), result.context().bytes());
    }

    @Override
    public CompletionStage<StoreAck> put(byte[] key, byte[] value, byte[] context, Consistency level) {
        Context ctx = context == null ? Context.NONE : Context.of(context);
        return client.putAsync(key, value, ctx, level, writes).thenApply(a -> new StoreAck(a.context().bytes()));
    }

    /** Through {@link io.chorus.client.CounterRef}, whose retries keep one operation id. */
    @Override
    public CompletionStage<Void> increment(byte[] key, long amount, Consistency level) {
        return client.counter(key).with(writes).incrementAsync(amount, level).thenApply(ack -> null);
    }

    @Override
    public CompletionStage<Long> counterValue(byte[] key, Consistency level) {
        return client.counter(key).valueAsync(level);
    }

    /** As the client says ({@link ChorusException#mayHaveBeenApplied()}: a {@code Timeout}); anything else may have been. */
    @Override
    public boolean mayHaveBeenApplied(Throwable failure) {
        return !(ErrorKinds.unwrap(failure) instanceof ChorusException e) || e.mayHaveBeenApplied();
    }

    /** The contract's error names ("Timeout", "Unavailable", ...); anything else by class name. */
    @Override
    public String errorKind(Throwable failure) {
        Throwable t = ErrorKinds.unwrap(failure);
        return t instanceof ChorusException e ? e.kind().displayName() : ErrorKinds.of(t);
    }

    @Override
    public void close() {
        client.close();
    }
}
