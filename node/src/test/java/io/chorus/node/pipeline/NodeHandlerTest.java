package io.chorus.node.pipeline;

import io.chorus.replication.state.Consistency;

import io.chorus.node.support.CapturedStderr;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Heartbeat;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler thread: batching of output, one reply per request even when the core throws, a full ring. */
class NodeHandlerTest {
    private static final NodeId SELF = NodeId.of("n1");
    private static final NodeId PEER = NodeId.of("n2");

    /** One client and one peer destination recording every delivery (one list per flush); client 404 is gone. */
    static final class RecordingDestinations implements Destinations {
        final List<List<Message>> toClient = new ArrayList<>();
        final List<List<Message>> toPeer = new ArrayList<>();
        private final Destination client = messages -> toClient.add(List.copyOf(messages));
        private final Destination peer = messages -> toPeer.add(List.copyOf(messages));

        @Override
        public Destination client(ClientRef ref) {
            return ref.id() == 404 ? null : client;
        }

        @Override
        public Destination peer(NodeId node) {
            return peer;
        }
    }

    @Test
    void outputIsHandedOverOncePerBatchAndDestination() {
        RecordingDestinations destinations = new RecordingDestinations();
        BatchingOutbox outbox = new BatchingOutbox(SELF, destinations, ReplyObserver.NONE);
        outbox.reply(new ClientRef(1), 1, new WriteResult(new byte[0], false));
        outbox.send(PEER, new Heartbeat());
        outbox.send(PEER, new Heartbeat());
        assertTrue(destinations.toPeer.isEmpty(), "nothing leaves before the end of the batch");
        outbox.flush();
        assertEquals(1, destinations.toPeer.size());
        assertEquals(2, destinations.toPeer.get(0).size());
        assertEquals(1, destinations.toClient.size());
        assertInstanceOf(ClientReply.class, destinations.toClient.get(0).get(0));
        outbox.flush();
        assertEquals(1, destinations.toPeer.size(), "a flush with nothing pending hands nothing over");
    }

    @Test
    void messagesToNobodyAreDroppedAndCounted() {
        BatchingOutbox outbox = new BatchingOutbox(SELF, new RecordingDestinations(), ReplyObserver.NONE);
        outbox.reply(new ClientRef(404), 1, new WriteResult(new byte[0], false)); // client gone
        outbox.send(SELF, new Heartbeat()); // the core never sends to itself
        outbox.flush();
        assertEquals(2, outbox.droppedMessages());
    }

    @Test
    void aThrowingStateMachineStillAnswersTheRequestAndTheNodeCarriesOn() {
        RecordingDestinations destinations = new RecordingDestinations();
        BatchingOutbox outbox = new BatchingOutbox(SELF, destinations, ReplyObserver.NONE);
        StateMachine buggy = new StateMachine() {
            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                if (requestId == 1) throw new IllegalStateException("boom");
                outbox.reply(client, requestId, new WriteResult(new byte[0], false));
            }

            @Override
            public void onMessage(NodeId from, PeerMessage message) {
                throw new AssertionError("invariant broken");
            }

            @Override
            public void onTick() {
            }

            @Override
            public void onPeerUnreachable(NodeId peer) {
            }
        };
        NodeHandler handler = new NodeHandler("n1", buggy, outbox, PipelineObserver.NONE);
        try (CapturedStderr stderr = new CapturedStderr()) {
            handler.onEvent(clientEvent(1), 0, false);
            handler.onEvent(peerEvent(), 1, false);
            assertTrue(stderr.lineWith("the replica failed on client request 1")
                    .contains("ERROR io.chorus.node.pipeline.NodeHandler - client=1 request=1 n1: the replica failed"), "the ids lead the line");
            assertTrue(stderr.lineWith("the replica failed on message from n2").contains("NodeHandler - n1: "), "no request, no ids");
        }
        handler.onEvent(clientEvent(2), 2, true);
        assertEquals(2, handler.failures());
        List<Message> replies = destinations.toClient.get(0);
        assertEquals(2, replies.size(), "each request answered exactly once");
        Failure failure = assertInstanceOf(Failure.class, ((ClientReply) replies.get(0)).response());
        assertEquals(ErrorKind.TIMEOUT, failure.kind(), "indeterminate: the core failed part way");
        assertTrue(failure.message().contains("internal error on n1 (IllegalStateException: boom)"), failure.message());
        assertInstanceOf(WriteResult.class, ((ClientReply) replies.get(1)).response());
    }

    @Test
    void aFullRingRefusesAtOnceAndTheBacklogIsStillHandled() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handled = new CountDownLatch(16);
        StateMachine slow = new StateMachine() {
            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.countDown();
            }

            @Override
            public void onMessage(NodeId from, PeerMessage message) {
            }

            @Override
            public void onTick() {
            }

            @Override
            public void onPeerUnreachable(NodeId peer) {
            }
        };
        BatchingOutbox outbox = new BatchingOutbox(SELF, new RecordingDestinations(), ReplyObserver.NONE);
        Pipeline pipeline = Pipeline.start("n1", 16, new NodeHandler("n1", slow, outbox, PipelineObserver.NONE));
        Inbound inbound = pipeline.inbound();
        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            if (inbound.tryClientRequest(new ClientRef(1), i, new Get(Key.of("k"), Consistency.ONE.code()))) accepted++;
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000, "publishing never blocks");
        assertTrue(accepted >= 16 && accepted <= 17, "the ring holds 16 (plus the one being handled), accepted " + accepted);
        assertEquals(40 - accepted, inbound.refusedRequests());
        assertFalse(inbound.tryTick(), "a tick into a full ring is dropped");
        release.countDown();
        assertTrue(handled.await(5, TimeUnit.SECONDS));
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));
        assertFalse(inbound.tryClientRequest(new ClientRef(1), 99, new Get(Key.of("k"), Consistency.ONE.code())), "a stopped pipeline refuses");
    }

    private static InboundEvent clientEvent(long requestId) {
        InboundEvent event = new InboundEvent();
        event.clientRequest(new ClientRef(1), requestId, new Get(Key.of("k"), Consistency.ONE.code()));
        return event;
    }

    private static InboundEvent peerEvent() {
        InboundEvent event = new InboundEvent();
        event.peerMessage(PEER, new Heartbeat());
        return event;
    }
}
