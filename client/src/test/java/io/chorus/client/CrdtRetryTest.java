package io.chorus.client;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CRDT updates are retried under one operation id, with attempts counting up, and only when a retry can help. */
class CrdtRetryTest {
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

    /** A client with quick backoffs, so that tests of several attempts stay fast. */
    private ChorusClient client(FakeNode node, int attemptsMax, Duration requestTimeout) {
        ChorusClient client = ChorusClient.builder().seeds(List.of(node.address())).requestTimeout(requestTimeout)
                .crdtAttemptsMax(attemptsMax).crdtRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
        resources.add(client);
        return client;
    }

    private static List<CrdtUpdate> updates(FakeNode node) {
        return node.received().stream().filter(CrdtUpdate.class::isInstance).map(CrdtUpdate.class::cast).toList();
    }

    /** The same operation id on every attempt, attempts 1, 2, 3, ... */
    private static void assertOneOperationWithAttempts(List<CrdtUpdate> sent, int attempts) {
        assertEquals(attempts, sent.size(), "attempts sent: " + sent);
        for (int i = 0; i < attempts; i++) {
            assertEquals(sent.get(0).operationId(), sent.get(i).operationId(), "attempt " + (i + 1) + " reuses the operation id");
            assertEquals(i + 1, sent.get(i).attempt());
            assertArrayEquals(wireBytes(sent.get(0)), wireBytes(sent.get(i)), "the very same operation");
        }
    }

    /** The update as the codec writes it, attempt left out: operations hold arrays, which records compare by identity. */
    private static byte[] wireBytes(CrdtUpdate update) {
        CrdtUpdate firstAttempt = new CrdtUpdate(update.key(), update.operation(), update.operationId(), 1, update.consistency(), update.durable());
        return new Codec().encode(new ClientFrame(1, firstAttempt));
    }

    @Test
    void aLostReplyIsRetriedUnderTheSameIdAndCountsOnce() {
        CrdtStore store = new CrdtStore().applyThenAnswer(update -> update.attempt() < 3
                ? new Failure(ErrorKind.TIMEOUT, "(2 of 2 needed, 1 answered): key hits") : null);
        FakeNode node = node(store);
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        client.counter("hits").increment(1, Consistency.QUORUM);

        assertOneOperationWithAttempts(updates(node), 3);
        assertEquals(2, client.crdtRetriesSent());
        assertEquals(1, client.counter("hits").value(Consistency.QUORUM), "applied once although sent three times");
    }

    @Test
    void aConnectionClosedAfterSendingIsRetried() {
        FakeNode node = node(new CrdtStore());
        node.behave(request -> request instanceof CrdtUpdate u && u.attempt() == 1 ? FakeNode.Behaviour.HANG_UP : FakeNode.Behaviour.ANSWER);
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        client.set("tags").add("x", Consistency.ONE);

        assertOneOperationWithAttempts(updates(node), 2);
        assertEquals(List.of("x"), client.set("tags").elements(Consistency.ONE));
    }

    @Test
    void anAttemptWithNoAnswerInTimeIsRetried() {
        FakeNode node = node(new CrdtStore());
        node.behave(request -> request instanceof CrdtUpdate u && u.attempt() == 1 ? FakeNode.Behaviour.SILENT : FakeNode.Behaviour.ANSWER);
        ChorusClient client = client(node, 5, Duration.ofSeconds(1)); // the second attempt must answer within it, even on a loaded machine

        client.flag("on").enable(Consistency.ONE);

        assertOneOperationWithAttempts(updates(node), 2);
        assertTrue(client.flag("on").enabled(Consistency.ONE));
    }

    @Test
    void overloadedIsRetriedAsAFirstAttemptBecauseNothingWasApplied() {
        CrdtStore store = new CrdtStore();
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(2);
        FakeNode node = node(request -> request instanceof CrdtUpdate && refusals.getAndDecrement() > 0
                ? new Failure(ErrorKind.OVERLOADED, "the request queue is full") : store.apply(request));
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        client.counter("hits").decrement(4, Consistency.ONE);

        List<CrdtUpdate> sent = updates(node);
        assertEquals(3, sent.size(), "attempts sent: " + sent);
        for (CrdtUpdate update : sent) {
            assertEquals(sent.get(0).operationId(), update.operationId());
            assertEquals(1, update.attempt(), "a refusal applied nothing: the retry needs no settling (which a down replica would block)");
        }
        assertEquals(2, client.crdtRetriesSent());
        assertEquals(-4, client.counter("hits").value(Consistency.ONE));
    }

    @Test
    void invalidRequestIsNeverRetried() {
        FakeNode node = node(request -> new Failure(ErrorKind.INVALID_REQUEST, "key hits holds a set, not a counter"));
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.counter("hits").increment(1, Consistency.ONE));

        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("InvalidRequest key hits holds a set, not a counter", e.getMessage(), "the node's message, as is");
        assertEquals(1, updates(node).size());
        assertEquals(0, client.crdtRetriesSent());
    }

    @Test
    void unavailableOnAFirstAttemptIsNotRetried() {
        FakeNode node = node(request -> new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2): key hits"));
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.counter("hits").increment(1, Consistency.ALL));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(1, updates(node).size(), "too few replicas for the level: nothing applied, the caller decides");
    }

    @Test
    void unavailableAnsweringARetryIsRetriedUntilItSettles() {
        CrdtStore store = new CrdtStore();
        FakeNode node = node(request -> {
            CrdtUpdate update = (CrdtUpdate) request;
            if (update.attempt() == 1) return new Failure(ErrorKind.TIMEOUT, "(2 needed, 1 answered)");
            if (update.attempt() < 4) return new Failure(ErrorKind.UNAVAILABLE, "cannot settle the retry: n3 may hold it and is down");
            return store.apply(request);
        });
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        client.counter("hits").increment(2, Consistency.QUORUM);

        assertOneOperationWithAttempts(updates(node), 4);
    }

    @Test
    void attemptsAreBoundedAndTheLastFailureSurfaces() {
        FakeNode node = node(request -> new Failure(ErrorKind.TIMEOUT, "(2 needed, 1 answered): key hits"));
        ChorusClient client = client(node, 3, Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.counter("hits").increment(1, Consistency.QUORUM));

        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.mayHaveBeenApplied());
        assertTrue(e.getMessage().startsWith("Timeout (2 needed, 1 answered): key hits (attempt 3 of operation "), e.getMessage());
        assertOneOperationWithAttempts(updates(node), 3);
    }

    @Test
    void givingUpOnUnavailableAfterATimeoutSaysItMayHaveBeenApplied() {
        FakeNode node = node(request -> ((CrdtUpdate) request).attempt() == 1
                ? new Failure(ErrorKind.TIMEOUT, "(2 needed, 1 answered)")
                : new Failure(ErrorKind.UNAVAILABLE, "cannot settle the retry: n3 is down"));
        ChorusClient client = client(node, 3, Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.counter("hits").increment(1, Consistency.QUORUM));

        assertEquals(ErrorKind.TIMEOUT, e.kind(), "indeterminate, not \"nothing applied\": " + e.getMessage());
        assertTrue(e.getMessage().contains("Unavailable cannot settle the retry: n3 is down"), e.getMessage());
        assertTrue(e.getMessage().contains("may have been applied"), e.getMessage());
        assertEquals(3, updates(node).size());
    }

    @Test
    void oneAttemptMeansNoRetry() {
        FakeNode node = node(request -> new Failure(ErrorKind.OVERLOADED, "the request queue is full"));
        ChorusClient client = client(node, 1, Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.counter("hits").increment(1, Consistency.ONE));

        assertEquals(ErrorKind.OVERLOADED, e.kind());
        assertEquals(1, updates(node).size());
    }

    @Test
    void eachUpdateHasItsOwnOperationId() {
        FakeNode node = node(new CrdtStore());
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));
        long before = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) client.counter("hits").increment(1, Consistency.ONE);
        long after = System.currentTimeMillis();

        List<CrdtUpdate> sent = updates(node);
        assertEquals(5, sent.stream().mapToLong(CrdtUpdate::operationId).distinct().count());
        for (CrdtUpdate update : sent) {
            long millis = update.operationId() >>> OperationIds.COUNTER_BITS;
            assertTrue(millis >= before && millis <= after, "the id's high bits are the wall clock: " + millis);
            assertEquals(1, update.attempt());
        }
        assertEquals(5, client.counter("hits").value(Consistency.ONE));
    }

    @Test
    void plainWritesAreRetriedUnderTheirOperationId() {
        FakeNode node = node(request -> request instanceof Put ? new Failure(ErrorKind.TIMEOUT, "(2 needed, 1 answered)") : new WriteResult(new byte[0], false));
        ChorusClient client = client(node, 5, Duration.ofSeconds(5));

        ChorusException e = assertThrows(ChorusException.class, () -> client.put("k", "v".getBytes(StandardCharsets.UTF_8), Consistency.QUORUM));

        assertEquals(ErrorKind.TIMEOUT, e.kind());
        List<Put> sends = node.received().stream().map(Put.class::cast).toList();
        assertEquals(5, sends.size(), "a put carries an operation id, so it is retried like an update: " + sends);
        for (int i = 0; i < sends.size(); i++) {
            assertEquals(sends.get(0).operationId(), sends.get(i).operationId(), "every retry is the same operation");
            assertEquals(i + 1, sends.get(i).attempt(), "a retry says it may follow an applied attempt");
        }
    }

    @Test
    void closingTheClientFailsAnUpdateWaitingToRetry() throws Exception {
        FakeNode node = node(request -> new Failure(ErrorKind.TIMEOUT, "(2 needed, 1 answered)"));
        ChorusClient client = ChorusClient.builder().seeds(List.of(node.address()))
                .requestTimeout(Duration.ofSeconds(60)).jitter(() -> 0.99) // a 30 s wait that fits in the deadline
                .crdtRetryBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build();
        resources.add(client);
        CompletableFuture<WriteAck> update = client.counter("hits").incrementAsync(1, Consistency.ONE).toCompletableFuture();
        Conditions.awaitTrue("the first attempt was answered", 5_000, () -> updates(node).size() == 1);

        client.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> update.get(5, TimeUnit.SECONDS));
        ChorusException cause = assertInstanceOf(ChorusException.class, e.getCause());
        assertEquals(ErrorKind.TIMEOUT, cause.kind());
        assertTrue(cause.getMessage().contains("closed"), cause.getMessage());
        assertEquals(1, updates(node).size(), "no attempt after close");
    }

    @Test
    void badRetrySettingsAreRefusedBeforeConnecting() {
        assertThrows(IllegalArgumentException.class, () -> ChorusClient.builder().seeds(List.of(ChorusClientTest.deadAddress()))
                .crdtAttemptsMax(0).build());
        assertThrows(IllegalArgumentException.class, () -> ChorusClient.builder().seeds(List.of(ChorusClientTest.deadAddress()))
                .crdtRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
    }
}
