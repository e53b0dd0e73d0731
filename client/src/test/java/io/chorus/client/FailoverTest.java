package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator that cannot serve the key (cut off from its peers: {@code Unavailable}; frozen:
 * silent; {@code Overloaded}; {@code Timeout}) costs a call one attempt, not the call: reads, and
 * writes with an operation id, move on to the key's other replicas within the call's deadline.
 */
class FailoverTest {
    private static final Failure CUT_OFF = new Failure(ErrorKind.UNAVAILABLE, "(need 2, alive 1): QUORUM read of key k needs 2 live replicas");
    private static final Function<ClientRequest, ClientResponse> ACK =
            request -> request instanceof Get ? new GetResult(new byte[][]{utf8("v")}, new byte[0]) : new WriteResult(new byte[0], false);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private FakeCluster cluster(Function<ClientRequest, ClientResponse> script) {
        FakeCluster cluster = new FakeCluster(3, 8, 3, script);
        resources.add(cluster);
        return cluster;
    }

    private ChorusClient client(FakeCluster cluster, Duration requestTimeout, Duration attemptTimeout) {
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).requestTimeout(requestTimeout).attemptTimeout(attemptTimeout)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
        resources.add(client);
        return client;
    }

    @Test
    void aReadMovesOnWhenTheFirstReplicaIsCutOffFromItsPeers() {
        FakeCluster cluster = cluster(ACK);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).script(request -> CUT_OFF);
        ChorusClient client = client(cluster, Duration.ofSeconds(5), Duration.ofSeconds(2));
        long retriesConnecting = client.retriesSent();

        assertTrue(client.get("k", Consistency.QUORUM).found());

        assertEquals(1, replicas.get(0).received().size());
        assertEquals(1, replicas.get(1).received().size(), "the next replica of the key coordinates it");
        assertEquals(1, client.retriesSent() - retriesConnecting);
    }

    @Test
    void aCrdtUpdateMovesOnAsAFirstAttemptWhenTheFirstReplicaIsCutOff() {
        CrdtStore store = new CrdtStore();
        FakeCluster cluster = cluster(store);
        List<FakeNode> replicas = cluster.preferenceList(utf8("hits"));
        replicas.get(0).script(request -> new Failure(ErrorKind.UNAVAILABLE, "(need 2, alive 1)"));
        ChorusClient client = client(cluster, Duration.ofSeconds(5), Duration.ofSeconds(2));

        client.counter("hits").increment(3, Consistency.QUORUM);

        CrdtUpdate moved = assertInstanceOf(CrdtUpdate.class, replicas.get(1).received().get(0));
        assertEquals(1, moved.attempt(), "Unavailable applied nothing: no settling, which the cut-off replica would block");
        assertEquals(((CrdtUpdate) replicas.get(0).received().get(0)).operationId(), moved.operationId());
        assertEquals(3, client.counter("hits").value(Consistency.ONE));
    }

    @Test
    void aPlainPutMovesOnAfterARefusalAndAsARetryAfterATimeout() {
        FakeCluster cluster = cluster(ACK);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).script(request -> CUT_OFF);
        ChorusClient client = client(cluster, Duration.ofSeconds(5), Duration.ofSeconds(2));

        client.put("k", utf8("v"), Consistency.QUORUM);
        assertInstanceOf(Put.class, replicas.get(1).received().get(0));

        // A timeout may have applied the put: it moves on as a retry of the same operation, which the
        // next coordinator settles (reads every replica) before it applies anything.
        replicas.get(0).script(request -> new Failure(ErrorKind.TIMEOUT, "(2 needed, 1 answered)"));
        client.put("k", utf8("w"), Consistency.QUORUM);
        Put timedOut = (Put) replicas.get(0).received().get(replicas.get(0).received().size() - 1);
        Put retried = assertInstanceOf(Put.class, replicas.get(1).received().get(1));
        assertEquals(timedOut.operationId(), retried.operationId(), "the same operation");
        assertTrue(retried.attempt() > timedOut.attempt(), "sent as a retry: " + retried.attempt());
    }

    @Test
    void aReadMovesOnWhenTheFirstReplicaIsFrozen() {
        FakeCluster cluster = cluster(ACK);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        replicas.get(0).behave(FakeNode.Behaviour.SILENT); // as under SIGSTOP: the connection is up, nothing answers
        ChorusClient client = client(cluster, Duration.ofSeconds(10), Duration.ofMillis(300));

        long start = System.nanoTime();
        assertTrue(client.get("k", Consistency.QUORUM).found());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMillis >= 290 && elapsedMillis < 5_000, "one attempt timeout, not the request timeout: " + elapsedMillis + " ms");
        assertEquals(1, replicas.get(1).received().size());
    }

    @Test
    void aCrdtUpdateAfterASilentCoordinatorIsRetriedElsewhereUnderTheSameId() {
        CrdtStore store = new CrdtStore();
        FakeCluster cluster = cluster(store);
        List<FakeNode> replicas = cluster.preferenceList(utf8("hits"));
        replicas.get(0).behave(FakeNode.Behaviour.SILENT);
        ChorusClient client = client(cluster, Duration.ofSeconds(10), Duration.ofMillis(300));

        client.counter("hits").increment(1, Consistency.QUORUM);

        CrdtUpdate first = (CrdtUpdate) replicas.get(0).received().get(0);
        CrdtUpdate retry = (CrdtUpdate) replicas.get(1).received().get(0);
        assertEquals(first.operationId(), retry.operationId());
        assertEquals(1, first.attempt());
        assertEquals(2, retry.attempt(), "the silent node may have applied it: the retry must be settled");
    }

    @Test
    void whenEveryReplicaIsOverloadedTheCallGivesUpWithinItsDeadline() {
        FakeCluster cluster = cluster(request -> new Failure(ErrorKind.OVERLOADED, "queue full"));
        ChorusClient client = client(cluster, Duration.ofSeconds(3), Duration.ofSeconds(1));

        long start = System.nanoTime();
        ChorusException e = assertThrows(ChorusException.class, () -> client.get("k", Consistency.ONE));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(ErrorKind.OVERLOADED, e.kind());
        assertTrue(e.getMessage().contains("(attempt 5)"), e.getMessage());
        assertTrue(elapsedMillis < 3_000, "took " + elapsedMillis + " ms");
        assertEquals(5, cluster.nodes.stream().mapToInt(n -> n.received().size()).sum(), "attemptsMax bounds the sends");
    }

    @Test
    void unavailableEverywhereEndsTheCallAfterOneRound() {
        FakeCluster cluster = cluster(request -> CUT_OFF);
        ChorusClient client = client(cluster, Duration.ofSeconds(5), Duration.ofSeconds(2));

        ChorusException e = assertThrows(ChorusException.class, () -> client.get("k", Consistency.ALL));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(3, cluster.nodes.stream().mapToInt(n -> n.received().size()).sum(), "each node asked once");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
