package io.chorus.client;

import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Fake clusters for tests outside this package (the CLI's), which cannot see the fakes themselves. */
public final class TestClusters {
    private TestClusters() {
    }

    /** A running fake cluster: its seeds as {@code host:port,...}. */
    public interface Handle extends AutoCloseable {
        String seeds();

        @Override
        void close();
    }

    /** {@code size} nodes sharing one toy store (see {@link MemoryStore}), replication factor 3. */
    public static Handle memoryStore(int size) {
        return handle(new FakeCluster(size, 8, 3, new MemoryStore()));
    }

    /** Nodes that answer every request with {@code Unavailable} and {@code detail}. */
    public static Handle failing(int size, String detail) {
        return handle(new FakeCluster(size, 8, size, request -> new Failure(ErrorKind.UNAVAILABLE, detail)));
    }

    /** {@code count} addresses where nothing listens, as {@code host:port,...}. */
    public static String deadAddresses(int count) {
        return IntStream.range(0, count).mapToObj(i -> Addresses.text(ChorusClientTest.deadAddress())).collect(Collectors.joining(","));
    }

    private static Handle handle(FakeCluster cluster) {
        return new Handle() {
            @Override
            public String seeds() {
                return cluster.seedsText();
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}
