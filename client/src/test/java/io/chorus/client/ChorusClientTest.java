package io.chorus.client;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChorusClientTest {
    private static final byte[] CONTEXT = {1, 2, 3};
    private static final Function<ClientRequest, ClientResponse> ACK =
            request -> request instanceof Get ? new GetResult(new byte[][]{utf8("v")}, CONTEXT) : new WriteResult(CONTEXT, false);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private FakeCluster cluster(int size, int replicationFactor, Function<ClientRequest, ClientResponse> script) {
        return track(new FakeCluster(size, 8, replicationFactor, script));
    }

    private ChorusClient client(List<InetSocketAddress> seeds, Duration requestTimeout) {
        return track(ChorusClient.builder().seeds(seeds).requestTimeout(requestTimeout).connectTimeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void routesEachKeyToTheFirstNodeOfItsPreferenceList() {
        FakeCluster cluster = cluster(3, 2, ACK);
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));
        assertTrue(client.knowsRing());
        Set<String> coordinators = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String key = "key-" + i;
            FakeNode first = cluster.preferenceList(utf8(key)).get(0);
            int before = first.received().size();
            client.put(key, utf8("v"), Consistency.QUORUM);
            assertEquals(before + 1, first.received().size(), key + " should go to " + first.name());
            coordinators.add(first.name());
        }
        assertTrue(coordinators.size() > 1, "30 keys all on one node: " + coordinators);
        int total = cluster.nodes.stream().mapToInt(n -> n.received().size()).sum();
        assertEquals(30, total, "each put is sent exactly once");
    }

    @Test
    void connectsThroughALaterSeedWhenTheFirstRefuses() {
        FakeCluster cluster = cluster(1, 1, ACK);
        InetSocketAddress dead = deadAddress();
        ChorusClient client = client(List.of(dead, cluster.nodes.get(0).address()), Duration.ofSeconds(5));
        assertTrue(client.knowsRing());
        assertEquals(List.of(utf8("v")).size(), client.get("k", Consistency.ONE).values().size());
    }

    @Test
    void failsOverToTheNextReplicaWhenTheFirstIsDown() {
        FakeCluster cluster = cluster(3, 3, ACK);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).close(); // before the client connects, so that it is refused rather than lost mid-request
        ChorusClient client = client(List.of(replicas.get(1).address()), Duration.ofSeconds(5));

        client.put("k", utf8("v"), Consistency.QUORUM);
        client.get("k", Consistency.QUORUM);

        List<ClientRequest> atSecond = replicas.get(1).received();
        assertEquals(2, atSecond.size(), "the second replica coordinates both: " + atSecond);
        assertInstanceOf(Put.class, atSecond.get(0));
        assertTrue(replicas.get(2).received().isEmpty());
    }

    @Test
    void noReachableNodeIsUnavailableNamingEachNode() {
        FakeNode seed = track(new FakeNode("seed", ACK)); // describes a cluster of two nodes that are down
        seed.describeAs(new ClusterDescription(new String[]{"n1", "n2"},
                new String[]{Addresses.text(deadAddress()), Addresses.text(deadAddress())}, 8, 2));
        ChorusClient client = client(List.of(seed.address()), Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.put("k", utf8("v"), Consistency.ONE));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith("Unavailable no node reachable"), e.getMessage());
        assertTrue(e.getMessage().contains("n1 (") && e.getMessage().contains("n2 ("), e.getMessage());
    }

    @Test
    void connectingWithNoReachableSeedIsUnavailable() {
        ChorusException e = assertThrows(ChorusException.class,
                () -> ChorusClient.builder().seeds(List.of(deadAddress(), deadAddress())).build());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("no seed reachable"), e.getMessage());
    }

    @Test
    void aNodeThatNeverAnswersTimesOutAtTheRequestTimeout() {
        FakeCluster cluster = cluster(1, 1, ACK);
        ChorusClient client = client(cluster.seeds(), Duration.ofMillis(300));
        cluster.nodes.get(0).behave(FakeNode.Behaviour.SILENT);

        long start = System.nanoTime();
        ChorusException e = assertThrows(ChorusException.class, () -> client.put("k", utf8("v"), Consistency.ONE));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.mayHaveBeenApplied());
        assertTrue(e.getMessage().contains("within 300 ms") && e.getMessage().contains("may have been applied"), e.getMessage());
        assertTrue(elapsedMillis >= 290 && elapsedMillis < 3_000, "took " + elapsedMillis + " ms");
    }

    @Test
    void inFlightRequestsPerConnectionAreBoundedAndATimeoutFreesItsSlot() throws Exception {
        FakeCluster cluster = cluster(1, 1, ACK);
        ChorusClient client = track(ChorusClient.builder().seeds(cluster.seeds()).requestTimeout(Duration.ofMillis(300))
                .inFlightPerConnectionMax(2).build());
        FakeNode node = cluster.nodes.get(0);
        node.behave(FakeNode.Behaviour.SILENT);
        CompletableFuture<WriteAck> first = client.putAsync("a", utf8("v"), Consistency.ONE).toCompletableFuture();
        CompletableFuture<WriteAck> second = client.putAsync("b", utf8("v"), Consistency.ONE).toCompletableFuture();
        Conditions.awaitTrue("both puts reached the node", 5_000, () -> node.received().size() == 2);

        ChorusException refused = assertThrows(ChorusException.class, () -> client.put("c", utf8("v"), Consistency.ONE));
        assertEquals(ErrorKind.OVERLOADED, refused.kind());
        assertTrue(refused.getMessage().contains("inFlightPerConnectionMax"), refused.getMessage());

        assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
        node.behave(FakeNode.Behaviour.ANSWER);
        assertArrayEquals(CONTEXT, client.put("d", utf8("v"), Consistency.ONE).context().bytes(), "timed-out requests free their slots");
    }

    /** Puts carry an operation id now (issue 10), so a put whose connection closed moves on as attempt 2, which the node settles. */
    @Test
    void aPutWhoseConnectionClosesMovesOnAsItsNextAttempt() {
        FakeCluster cluster = cluster(3, 3, ACK);
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).behave(FakeNode.Behaviour.HANG_UP);
        client.put("k", utf8("v"), Consistency.ONE);
        assertTrue(replicas.get(1).received().stream().anyMatch(r -> r instanceof io.chorus.replication.message.Put p && p.attempt() == 2
                && p.operationId() != 0), "resent as attempt 2 of the same operation: " + replicas.get(1).received());
    }

    @Test
    void aReadWhoseConnectionClosesMovesToTheNextReplica() {
        FakeCluster cluster = cluster(3, 3, ACK);
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).behave(FakeNode.Behaviour.HANG_UP);

        ReadResult result = client.get("k", Consistency.ONE);

        assertTrue(result.found());
        assertEquals(1, replicas.get(0).received().size());
        assertEquals(1, replicas.get(1).received().size());
    }

    @Test
    void asyncCallsCompleteWithTheNodesOutcome() throws Exception {
        FakeCluster cluster = cluster(1, 1, ACK);
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));

        WriteAck ack = client.putAsync("k", utf8("v"), Consistency.ALL).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertArrayEquals(CONTEXT, ack.context().bytes());

        cluster.nodes.get(0).script(request -> new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2): key \"k\""));
        CompletableFuture<ReadResult> failed = client.getAsync("k", Consistency.ALL).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        ChorusException cause = assertInstanceOf(ChorusException.class, e.getCause());
        assertEquals(ErrorKind.UNAVAILABLE, cause.kind());
        assertEquals("Unavailable (need 3, alive 2): key \"k\"", cause.getMessage());
        assertEquals("(need 3, alive 2): key \"k\"", cause.detail());
    }

    @Test
    void aDurableWriteAsksSoOnTheWireAndItsAckSaysWhatTheNodeAnswered() {
        java.util.concurrent.atomic.AtomicBoolean nodeFsyncs = new java.util.concurrent.atomic.AtomicBoolean(true);
        FakeCluster cluster = cluster(1, 1, request -> new WriteResult(CONTEXT, nodeFsyncs.get()
                && (request instanceof Put put ? put.durable() : ((io.chorus.replication.message.Delete) request).durable())));
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));

        assertFalse(client.put("k", utf8("v"), Consistency.ONE).durable());
        WriteAck durablePut = client.put("k", utf8("v"), Context.NONE, Consistency.QUORUM, WriteOptions.DURABLE);
        assertTrue(durablePut.durable());
        assertArrayEquals(CONTEXT, durablePut.context().bytes());
        assertTrue(client.delete("k".getBytes(StandardCharsets.UTF_8), Context.NONE, Consistency.ALL, WriteOptions.DURABLE).durable());
        assertFalse(client.delete("k", Context.NONE, Consistency.ALL, WriteOptions.DEFAULT).durable());
        nodeFsyncs.set(false);
        assertFalse(client.put("k", utf8("v"), Context.NONE, Consistency.ONE, WriteOptions.DURABLE).durable(),
                "the ack reports what the node did, not what was asked");

        List<ClientRequest> received = cluster.nodes.get(0).received();
        assertEquals(List.of(false, true, true, false, true), received.stream()
                .map(r -> r instanceof Put put ? put.durable() : ((io.chorus.replication.message.Delete) r).durable()).toList());
        assertEquals(Consistency.QUORUM.code(), ((Put) received.get(1)).consistency());
        assertEquals(Consistency.ALL.code(), ((io.chorus.replication.message.Delete) received.get(2)).consistency());
        assertThrows(NullPointerException.class, () -> client.put("k", utf8("v"), Context.NONE, Consistency.ONE, null));
    }

    @Test
    void aReadReturnsEverySiblingAndAWriteCarriesItsContext() {
        FakeCluster cluster = cluster(1, 1, request -> request instanceof Get
                ? new GetResult(new byte[][]{utf8("a"), utf8("b")}, CONTEXT) : new WriteResult(new byte[]{9}, false));
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));

        ReadResult read = client.get("k".getBytes(StandardCharsets.UTF_8), Consistency.TWO);
        assertTrue(read.found() && read.hasSiblings());
        assertEquals(List.of("a", "b"), read.values().stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList());
        client.put("k", utf8("c"), read.context(), Consistency.TWO);
        client.put("k", utf8("d"), Consistency.TWO);
        client.delete("k", Context.parse(read.context().toString()), Consistency.TWO);

        List<ClientRequest> received = cluster.nodes.get(0).received();
        Get get = (Get) received.get(0);
        assertEquals(Consistency.TWO.code(), get.consistency());
        Put withContext = (Put) received.get(1);
        assertArrayEquals(CONTEXT, withContext.context());
        assertArrayEquals(utf8("c"), withContext.value());
        assertNull(((Put) received.get(2)).context(), "Context.NONE goes on the wire as no context");
        assertArrayEquals(CONTEXT, ((io.chorus.replication.message.Delete) received.get(3)).context());
    }

    @Test
    void notFoundIsAnEmptyResult() {
        FakeCluster cluster = cluster(1, 1, request -> new GetResult(new byte[0][], new byte[0]));
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));
        ReadResult read = client.get("missing", Consistency.ONE);
        assertFalse(read.found());
        assertEquals(Context.NONE, read.context());
    }

    @Test
    void aValueTooLargeForAFrameIsRefusedWithoutSending() {
        FakeCluster cluster = cluster(1, 1, ACK);
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));
        ChorusException e = assertThrows(ChorusException.class, () -> client.put("k", new byte[3 << 20], Consistency.ONE));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("frameBytesMax"), e.getMessage());
        assertTrue(cluster.nodes.get(0).received().isEmpty());
    }

    @Test
    void withoutADescriptionRequestsGoToAnySeed() {
        FakeNode node = track(new FakeNode("n1", ACK)); // with no description, it refuses DescribeCluster
        ChorusClient client = client(List.of(node.address()), Duration.ofSeconds(5));
        assertFalse(client.knowsRing());
        client.put("k", utf8("v"), Consistency.ONE);
        assertEquals(1, node.received().size());
    }

    @Test
    void aBlockingCallInsideACallbackIsRefusedNotDeadlocked() throws Exception {
        java.util.concurrent.CountDownLatch callbackAttached = new java.util.concurrent.CountDownLatch(1);
        FakeCluster cluster = cluster(1, 1, request -> {
            try { // hold the answer until the callback is attached, so that it runs on the client's I/O thread
                assertTrue(callbackAttached.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return ACK.apply(request);
        });
        ChorusClient client = client(cluster.seeds(), Duration.ofSeconds(5));
        CompletableFuture<ReadResult> nested = client.getAsync("k", Consistency.ONE)
                .thenApply(first -> client.get("k", Consistency.ONE)).toCompletableFuture();
        callbackAttached.countDown();
        ExecutionException e = assertThrows(ExecutionException.class, () -> nested.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void closeFailsPendingRequestsAndStopsEveryThread() throws Exception {
        FakeCluster cluster = cluster(1, 1, ACK);
        Set<Thread> nonDaemonBefore = nonDaemonThreads();
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).build();
        cluster.nodes.get(0).behave(FakeNode.Behaviour.SILENT);
        CompletableFuture<WriteAck> pending = client.putAsync("k", utf8("v"), Consistency.ONE).toCompletableFuture();
        Conditions.awaitTrue("the put reached the node", 5_000, () -> !cluster.nodes.get(0).received().isEmpty());

        client.close();

        assertTrue(pending.isDone(), "close() fails what is pending before it returns");
        ExecutionException e = assertThrows(ExecutionException.class, pending::get);
        assertEquals(ErrorKind.TIMEOUT, assertInstanceOf(ChorusException.class, e.getCause()).kind());
        Conditions.awaitTrue("the client's event loop threads end", 2_000,
                () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("chorus-client")));
        // Netty's globalEventExecutor thread is shared by the whole JVM (the fake nodes use it too) and
        // ends by itself after a second without tasks: wait for it rather than count it as the client's.
        Set<Thread> leaked = new HashSet<>();
        Conditions.awaitTrue("no non-daemon thread outlives the client", 5_000, () -> {
            leaked.clear();
            leaked.addAll(nonDaemonThreads());
            leaked.removeAll(nonDaemonBefore);
            return leaked.isEmpty();
        });
        assertThrows(IllegalStateException.class, () -> client.get("k", Consistency.ONE));
        client.close(); // idempotent
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!thread.isDaemon() && thread.isAlive()) threads.add(thread);
        }
        return threads;
    }

    /** An address where nothing listens: a port bound and released again. */
    static InetSocketAddress deadAddress() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
