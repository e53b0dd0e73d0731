package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries of any request: bounded by attempts, by the client's retry budget and by each call's own deadline. */
class RetryingCallTest {
    private static final Function<ClientRequest, ClientResponse> ACK =
            request -> request instanceof Get ? new GetResult(new byte[][]{utf8("v")}, new byte[0]) : new WriteResult(new byte[0], false);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private FakeNode node(Function<ClientRequest, ClientResponse> script) {
        FakeCluster cluster = new FakeCluster(1, 8, 1, script);
        resources.add(cluster);
        return cluster.nodes.get(0);
    }

    private ChorusClient track(ChorusClient client) {
        resources.add(client);
        return client;
    }

    @Test
    void anOverloadedNodeIsAskedAgainAfterABackoff() {
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(2);
        FakeNode node = node(request -> refusals.getAndDecrement() > 0 ? new Failure(ErrorKind.OVERLOADED, "queue full") : ACK.apply(request));
        ChorusClient client = track(ChorusClient.builder().seeds(List.of(node.address()))
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build());
        long retriesConnecting = client.retriesSent(); // a slow DescribeCluster on a loaded machine may have been asked again

        client.put("k", utf8("v"), Consistency.ONE);

        assertEquals(3, node.received().size(), "Overloaded applied nothing, so even a plain put may go again");
        assertEquals(2, client.retriesSent() - retriesConnecting);
    }

    @Test
    void theRetryBudgetStopsRetriesWhenTooManyRequestsFail() {
        FakeNode node = node(request -> new Failure(ErrorKind.OVERLOADED, "queue full"));
        ChorusClient client = track(ChorusClient.builder().seeds(List.of(node.address())).attemptsMax(10)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).retryBudget(0.1, 3).build());
        long retriesConnecting = client.retriesSent(); // a slow DescribeCluster on a loaded machine may have spent one

        ChorusException first = assertThrows(ChorusException.class, () -> client.get("k", Consistency.ONE));
        assertEquals(ErrorKind.OVERLOADED, first.kind());
        assertTrue(first.getMessage().contains("retryBudget"), first.getMessage());
        int sentForFirst = node.received().size();
        // The budget started with 3 retries (less what connecting earned it back, a share of one request).
        assertEquals(4 - retriesConnecting, sentForFirst, "one send and what is left of the burst of 3 retries");

        for (int i = 0; i < 8; i++) assertThrows(ChorusException.class, () -> client.get("k", Consistency.ONE));
        int sentForNext = node.received().size() - sentForFirst;
        assertEquals(8, sentForNext, "8 requests at 10% earn no whole retry yet: each is sent once");
        assertEquals(3, client.retriesSent());
        assertTrue(client.retriesRefusedByBudget() >= 9, "refusals: " + client.retriesRefusedByBudget());
    }

    @Test
    void aCallsOwnRequestTimeoutBoundsItWhateverTheClientsIs() {
        FakeNode node = node(ACK);
        ChorusClient client = track(ChorusClient.builder().seeds(List.of(node.address())).requestTimeout(Duration.ofSeconds(20)).build());
        node.behave(FakeNode.Behaviour.SILENT);

        long start = System.nanoTime();
        ChorusException e = assertThrows(ChorusException.class, () -> client.put("k", utf8("v"), Context.NONE, Consistency.ONE,
                WriteOptions.DEFAULT.withRequestTimeout(Duration.ofMillis(300))));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
        assertTrue(elapsedMillis >= 290 && elapsedMillis < 5_000, "took " + elapsedMillis + " ms");

        start = System.nanoTime();
        ChorusException read = assertThrows(ChorusException.class, () -> client.get("k", Consistency.ONE,
                ReadOptions.DEFAULT.withRequestTimeout(Duration.ofMillis(400))));
        elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorKind.TIMEOUT, read.kind());
        assertTrue(elapsedMillis >= 390 && elapsedMillis < 5_000, "took " + elapsedMillis + " ms");
    }

    @Test
    void aBackoffThatWouldOutliveTheDeadlineEndsTheCallAtOnce() {
        FakeNode node = node(request -> new Failure(ErrorKind.OVERLOADED, "queue full"));
        ChorusClient client = track(ChorusClient.builder().seeds(List.of(node.address())).requestTimeout(Duration.ofSeconds(2))
                .jitter(() -> 0.99).retryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build());

        long start = System.nanoTime();
        ChorusException e = assertThrows(ChorusException.class, () -> client.get("k", Consistency.ONE));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ErrorKind.OVERLOADED, e.kind(), "the node's answer, not a timeout the client waited for");
        assertTrue(elapsedMillis < 1_500, "took " + elapsedMillis + " ms");
        assertEquals(1, node.received().size());
    }

    /**
     * A node whose listen queue is full never completes a connection (the kernel drops the SYNs):
     * a call's own connect timeout, shorter than the client's, moves it on to the next replica.
     */
    @Test
    void aCallsOwnConnectTimeoutMovesItOnFromANodeThatDoesNotAccept() throws Exception {
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.net.InetSocketAddress stuck = new java.net.InetSocketAddress("127.0.0.1", full.getLocalPort());
            List<java.net.Socket> fillers = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // fill the accept queue; nothing ever accepts
                java.net.Socket filler = new java.net.Socket();
                try {
                    filler.connect(stuck, 200);
                    fillers.add(filler);
                } catch (java.io.IOException queueFull) {
                    filler.close();
                    break;
                }
            }
            FakeNode live = new FakeNode("n2", ACK);
            resources.add(live);
            live.describeAs(new io.chorus.replication.message.ClusterDescription(new String[]{"n1", "n2"},
                    new String[]{Addresses.text(stuck), live.hostPort()}, 8, 2));
            ChorusClient client = track(ChorusClient.builder().seeds(List.of(live.address())).connectTimeout(Duration.ofSeconds(10)).build());
            String key = keyFirstOn("n1", List.of("n1", "n2"));

            long start = System.nanoTime();
            client.put(key, utf8("v"), Context.NONE, Consistency.ONE, WriteOptions.DEFAULT.withConnectTimeout(Duration.ofMillis(300)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(1, live.received().size(), "n2 coordinated it");
            assertTrue(elapsedMillis >= 290 && elapsedMillis < 5_000, "the call's 300 ms, not the client's 10 s: " + elapsedMillis + " ms");
            for (java.net.Socket filler : fillers) filler.close();
        }
    }

    private static String keyFirstOn(String node, List<String> members) {
        io.chorus.replication.ring.Ring ring = io.chorus.replication.ring.Ring.create(
                members.stream().map(io.chorus.replication.ring.NodeId::of).toList(), 8);
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (ring.preferenceList(utf8(key), 2).primaries().get(0).name().equals(node)) return key;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
