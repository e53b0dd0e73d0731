package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads spread over a key's replicas, and hedged when the replica asked first is slower than its recent p99. */
class HedgedReadTest {
    private static final Function<ClientRequest, ClientResponse> ACK =
            request -> request instanceof Get ? new GetResult(new byte[][]{utf8("v")}, new byte[0]) : new WriteResult(new byte[0], false);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private FakeCluster cluster() {
        FakeCluster cluster = new FakeCluster(3, 8, 3, ACK);
        resources.add(cluster);
        return cluster;
    }

    private ChorusClient client(FakeCluster cluster, int hedgeBudget) {
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).requestTimeout(Duration.ofSeconds(20))
                .attemptTimeout(Duration.ofSeconds(10)).hedgeDelayMin(Duration.ofMillis(20)).retryBudget(0.01, hedgeBudget).build();
        resources.add(client);
        return client;
    }

    /** Enough fast reads for the first replica to have a p99 (a few milliseconds on loopback). */
    private static void warmUp(ChorusClient client) {
        for (int i = 0; i < 2 * LatencyWindow.SAMPLES_FOR_ESTIMATE; i++) client.get("k", Consistency.ONE);
    }

    @Test
    void aSlowFirstReplicaIsHedgedByTheNextAndTheFirstAnswerWins() {
        FakeCluster cluster = cluster();
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        ChorusClient client = client(cluster, 5);
        warmUp(client);
        assertTrue(state(client, replicas.get(0)).latencyP99Millis() >= 0, "the first replica has a p99 now");
        int secondBefore = replicas.get(1).received().size();
        replicas.get(0).delayAnswers(3_000);

        long start = System.nanoTime();
        assertTrue(client.get("k", Consistency.ONE).found());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis < 2_000, "answered by the hedge, not after the slow node's 3 s: " + elapsedMillis + " ms");
        assertEquals(1, client.hedgesSent());
        assertEquals(secondBefore + 1, replicas.get(1).received().size(), "the second replica was asked");
    }

    @Test
    void hedgesAreBoundedByTheRetryBudget() {
        FakeCluster cluster = cluster();
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        ChorusClient client = client(cluster, 1);
        warmUp(client);
        replicas.get(0).delayAnswers(300);

        client.get("k", Consistency.ONE); // hedged: the budget's one token
        long start = System.nanoTime();
        client.get("k", Consistency.ONE); // not hedged: waits for the slow node
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, client.hedgesSent());
        assertTrue(client.retriesRefusedByBudget() >= 1);
        assertTrue(elapsedMillis >= 290, "no hedge left: the read waited for the slow node, " + elapsedMillis + " ms");
    }

    @Test
    void readsThatSpreadReachEveryReplicaOfTheKey() {
        FakeCluster cluster = cluster();
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        ChorusClient client = client(cluster, 5);

        for (int i = 0; i < 90; i++) client.get("k", Consistency.ONE, ReadOptions.DEFAULT.withSpread(true));

        for (FakeNode replica : replicas) {
            assertTrue(replica.received().size() >= 10, replica.name() + " coordinated " + replica.received().size() + " of 90 reads");
        }
    }

    private static NodeState state(ChorusClient client, FakeNode node) {
        return client.nodes().stream().filter(n -> n.name().equals(node.name())).findFirst().orElseThrow();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
