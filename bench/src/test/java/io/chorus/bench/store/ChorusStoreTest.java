package io.chorus.bench.store;

import io.chorus.client.ChorusClient;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter over the real client, through real sockets and the real codec, against a one-copy test node. */
class ChorusStoreTest {
    SocketNode node;
    ChorusStore store;

    @BeforeEach
    void setUp() throws IOException {
        node = new SocketNode();
        store = new ChorusStore(ChorusClient.builder().seeds(List.of(node.address())).requestTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
        node.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void contextsCrossTheClientUnchangedSoAWriteBackSupersedes() {
        StoreAck first = store.put(bytes("k"), bytes("v1"), null, Consistency.QUORUM).toCompletableFuture().join();
        store.put(bytes("k"), bytes("v2"), null, Consistency.QUORUM).toCompletableFuture().join();
        StoreRead both = store.get(bytes("k"), Consistency.QUORUM).toCompletableFuture().join();
        assertEquals(2, both.values().size(), "a put without a context adds a sibling");
        store.put(bytes("k"), bytes("v3"), both.context(), Consistency.QUORUM).toCompletableFuture().join();
        StoreRead one = store.get(bytes("k"), Consistency.ONE).toCompletableFuture().join();
        assertEquals(1, one.values().size());
        assertArrayEquals(bytes("v3"), one.values().get(0));
        assertFalse(first.context().length == 0, "an ack carries a context");
        assertFalse(store.get(bytes("missing"), Consistency.ONE).toCompletableFuture().join().found());
    }

    @Test
    void aDurableStoreAsksEveryPutToBeDurable() {
        store.put(bytes("k"), bytes("v1"), null, Consistency.QUORUM).toCompletableFuture().join();
        try (ChorusStore durable = new ChorusStore(ChorusClient.builder().seeds(List.of(node.address()))
                .requestTimeout(Duration.ofSeconds(10)).build(), io.chorus.client.WriteOptions.DURABLE)) {
            durable.put(bytes("k"), bytes("v2"), null, Consistency.QUORUM).toCompletableFuture().join();
        }
        assertEquals(List.of(false, true), node.putsDurable);
    }

    @Test
    void aWholeRunPassesThroughTheClientAndTheWire() throws InterruptedException {
        var config = new io.chorus.bench.run.BenchConfig(io.chorus.bench.workload.Workload.F,
                io.chorus.bench.workload.KeyDistribution.ZIPFIAN, io.chorus.bench.workload.Workload.F.mix(), 100, 100, 100, 2, 1,
                Duration.ZERO, Duration.ZERO, 600, 0,
                Consistency.QUORUM, Consistency.QUORUM, false, 3, true, true, true, Consistency.ALL, Duration.ZERO,
                Duration.ofSeconds(10), "user", 7, null, null);
        var printed = new java.io.ByteArrayOutputStream();
        var result = new io.chorus.bench.run.Driver(config, List.of(store), io.chorus.bench.run.Ticker.SYSTEM,
                new java.io.PrintStream(printed, true, StandardCharsets.UTF_8), 99).run("socket node");
        assertEquals(0, result.run().metrics().errorCount(), printed.toString(StandardCharsets.UTF_8));
        assertEquals(600, result.run().metrics().completedCount());
        assertEquals(0, result.staleReads());
        assertEquals(true, result.verification().allVerified());
    }

    @Test
    void aReadThroughAReplicaNeedsTheRingAndAReplicaAtThatIndex() throws IOException {
        CompletionException noRing = assertThrows(CompletionException.class,
                () -> store.getThroughReplica(bytes("k"), Consistency.ONE, 1).toCompletableFuture().join());
        assertTrue(noRing.getCause().getMessage().contains("does not know the ring"), noRing.getCause().getMessage());

        try (SocketNode described = new SocketNode(true);
             ChorusStore ringAware = new ChorusStore(ChorusClient.builder().seeds(List.of(described.address()))
                     .requestTimeout(Duration.ofSeconds(10)).build())) {
            ringAware.put(bytes("k"), bytes("v"), null, Consistency.ONE).toCompletableFuture().join();
            StoreRead read = ringAware.getThroughReplica(bytes("k"), Consistency.ONE, 0).toCompletableFuture().join();
            assertArrayEquals(bytes("v"), read.values().get(0));
            CompletionException noSecond = assertThrows(CompletionException.class,
                    () -> ringAware.getThroughReplica(bytes("k"), Consistency.ONE, 1).toCompletableFuture().join());
            assertTrue(noSecond.getCause().getMessage().contains("the key has 1 replicas"), noSecond.getCause().getMessage());
        }
    }

    @Test
    void failuresAreNamedByTheContractsKinds() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> store.get(bytes("timeout-1"), Consistency.QUORUM).toCompletableFuture().join());
        assertEquals("Timeout", store.errorKind(e));
        assertEquals("IllegalStateException", store.errorKind(new IllegalStateException()));
    }
}
