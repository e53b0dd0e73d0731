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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {
    private static final long MS = 1_000_000;
    private static final Function<ClientRequest, ClientResponse> ACK =
            request -> request instanceof Get ? new GetResult(new byte[][]{utf8("v")}, new byte[0]) : new WriteResult(new byte[0], false);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    @Test
    void failuresInARowOpenItAndAProbeClosesIt() {
        CircuitBreaker breaker = new CircuitBreaker(3, 100);
        long now = 1_000 * MS;
        breaker.onFailure(now);
        breaker.onFailure(now);
        breaker.onSuccess();
        breaker.onFailure(now);
        breaker.onFailure(now);
        assertEquals(BreakerState.CLOSED, breaker.state(), "a success in between resets the count");
        breaker.onFailure(now);
        assertEquals(BreakerState.OPEN, breaker.state());
        assertFalse(breaker.admits(now + 99 * MS));
        assertTrue(breaker.admits(now + 100 * MS), "open long enough: a probe may go");

        breaker.onSend(now + 100 * MS);
        assertEquals(BreakerState.HALF_OPEN, breaker.state());
        assertFalse(breaker.admits(now + 150 * MS), "one probe at a time");
        breaker.onSuccess();
        assertEquals(BreakerState.CLOSED, breaker.state());
        assertEquals(0, breaker.failuresInRow());
        assertEquals(5, breaker.failuresTotal());
        assertEquals(1, breaker.timesOpened());
    }

    @Test
    void aFailedProbeOpensItAgain() {
        CircuitBreaker breaker = new CircuitBreaker(1, 100);
        long now = 0;
        breaker.onFailure(now);
        breaker.onSend(now + 100 * MS);
        breaker.onFailure(now + 101 * MS);
        assertEquals(BreakerState.OPEN, breaker.state());
        assertFalse(breaker.admits(now + 150 * MS));
        assertTrue(breaker.admits(now + 201 * MS));
        assertEquals(2, breaker.timesOpened());
    }

    @Test
    void aProbeThatNeverFinishesLetsAnotherGo() {
        CircuitBreaker breaker = new CircuitBreaker(1, 100);
        breaker.onFailure(0);
        breaker.onSend(100 * MS);
        assertTrue(breaker.admits(200 * MS), "the first probe's call was answered elsewhere and never reported");
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(5, 0));
    }

    /** The isolated-node episode: the first replica answers Unavailable; its breaker opens, requests skip it, a probe closes it when it heals. */
    @Test
    void aCutOffReplicaIsSkippedWhileItsBreakerIsOpenAndTakenBackAfterAProbe() throws Exception {
        FakeCluster cluster = new FakeCluster(3, 8, 3, ACK);
        resources.add(cluster);
        List<FakeNode> replicas = cluster.preferenceList(utf8("k"));
        FakeNode cutOff = replicas.get(0);
        cutOff.script(request -> new Failure(ErrorKind.UNAVAILABLE, "(need 2, alive 1)"));
        // Open for 2 s: the 20 reads below must all fall inside one open period even on a loaded
        // machine (with 200 ms, load let it half-open twice and send a second probe).
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).circuitBreaker(3, Duration.ofSeconds(2)).build();
        resources.add(client);

        for (int i = 0; i < 3; i++) assertTrue(client.get("k", Consistency.QUORUM).found());
        NodeState open = state(client, cutOff.name());
        assertEquals(BreakerState.OPEN, open.breaker(), open.toString());
        assertEquals(3, open.failuresInRow());
        assertEquals(1, open.breakerOpened());
        assertEquals(3, cutOff.received().size());

        for (int i = 0; i < 20; i++) client.get("k", Consistency.QUORUM);
        assertTrue(cutOff.received().size() <= 4, "an open breaker keeps requests away (at most one probe): " + cutOff.received().size());
        assertTrue(client.retriesSent() <= 4, "no failover needed while the breaker is open: " + client.retriesSent());

        cutOff.script(ACK); // healed
        Conditions.awaitTrue("a probe reached the healed node and closed its breaker", 15_000, () -> {
            client.get("k", Consistency.QUORUM);
            return state(client, cutOff.name()).breaker() == BreakerState.CLOSED;
        });
        int before = cutOff.received().size();
        client.get("k", Consistency.QUORUM);
        assertEquals(before + 1, cutOff.received().size(), "closed again: the first replica coordinates its key");
        assertEquals(0, state(client, cutOff.name()).failuresInRow());
    }

    @Test
    void unavailableEverywhereOpensNoBreaker() {
        FakeCluster cluster = new FakeCluster(3, 8, 3, request -> new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2)"));
        resources.add(cluster);
        ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).circuitBreaker(1, Duration.ofSeconds(10)).build();
        resources.add(client);

        assertThrows(ChorusException.class, () -> client.get("k", Consistency.ALL));

        for (NodeState node : client.nodes()) {
            assertEquals(BreakerState.CLOSED, node.breaker(), "a cluster-wide shortage is no node's fault: " + node);
            assertTrue(node.answers() >= 1, node.toString()); // the seed also answered DescribeCluster
        }
    }

    private static NodeState state(ChorusClient client, String name) {
        return client.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
