package io.chorus.node.net;

import io.chorus.replication.state.Consistency;

import io.chorus.node.HostPort;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.pipeline.PipelineObserver;
import io.chorus.node.pipeline.ReplyObserver;
import io.chorus.node.support.CapturedStderr;
import io.chorus.node.support.Frames;
import io.chorus.node.support.RecordingStateMachine;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Heartbeat;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.ring.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's pipeline on an EmbeddedChannel: framing, first-frame routing and refusals, no sockets. */
class FramingTest {
    private static final int FRAME_BYTES_MAX = 4096;
    private static final NetworkSettings SETTINGS = new NetworkSettings(NodeId.of("n1"), new HostPort("127.0.0.1", 7401),
            Map.of(NodeId.of("n2"), new HostPort("127.0.0.1", 7402)), FRAME_BYTES_MAX, 2, 16, 1);

    private RecordingStateMachine machine;
    private Pipeline pipeline;
    private Connections connections;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        machine = new RecordingStateMachine();
        connections = new Connections();
        BatchingOutbox outbox = new BatchingOutbox(SETTINGS.self(), connections, ReplyObserver.NONE);
        pipeline = Pipeline.start("n1", 16, new NodeHandler("n1", machine, outbox, PipelineObserver.NONE));
        ThreadCodecs codecs = new ThreadCodecs(FRAME_BYTES_MAX);
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_BYTES_MAX), new MessageDecoder(codecs),
                new MessageEncoder(codecs, FRAME_BYTES_MAX), new InboundConnectionHandler(SETTINGS, pipeline.inbound(), connections));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));
    }

    @Test
    void aClientFrameReachesTheStateMachine() throws InterruptedException {
        channel.writeInbound(Frames.frame(new ClientFrame(7, new Get(Key.of("k"), Consistency.QUORUM.code()))));
        RecordingStateMachine.Request request = machine.requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals(7, request.requestId());
        assertEquals(new Get(Key.of("k"), Consistency.QUORUM.code()), request.request());
        assertNotNull(connections.client(channel.attr(ClientConnection.CLIENT).get()), "the channel names its client for the encoder's log lines");
        assertTrue(channel.isOpen());
        assertNull(channel.readOutbound(), "nothing answers at once");
        assertEquals(1, connections.clientCount());
    }

    @Test
    void framesSplitAcrossReadsStillDecode() throws InterruptedException {
        byte[] bytes = Frames.frameBytes(new ClientFrame(9, new Get(Key.of("split"), Consistency.ONE.code())));
        for (byte b : bytes) channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        assertEquals(9, machine.requests.poll(5, TimeUnit.SECONDS).requestId());
    }

    @Test
    void oversizedFrameIsRefusedBeforeItsBodyArrives() {
        ByteBuf header = Unpooled.buffer().writeInt(FRAME_BYTES_MAX + 1).writeBytes(new byte[100]);
        channel.writeInbound(header); // only the start of the frame: the length alone decides
        Failure failure = refusal(-1);
        assertEquals("frame of 4097 bytes is over the limit limits.frameBytesMax=4096 bytes", failure.message());
        assertClosedWithoutEscapingException();
    }

    @Test
    void garbageBytesAreAnInvalidRequestNamingTheProblem() {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        channel.writeInbound(Unpooled.buffer().writeInt(garbage.length).writeBytes(garbage));
        Failure failure = refusal(-1);
        assertTrue(failure.message().startsWith("undecodable frame: cannot decode message: "), failure.message());
        assertClosedWithoutEscapingException();
        assertTrue(machine.requests.isEmpty());
    }

    @Test
    void aNegativeLengthReadsAsUnsignedAndIsOverTheLimit() {
        channel.writeInbound(Unpooled.buffer().writeInt(-5).writeBytes(new byte[16]));
        Failure failure = refusal(-1);
        assertEquals("frame of 4294967291 bytes is over the limit limits.frameBytesMax=4096 bytes", failure.message());
        assertClosedWithoutEscapingException();
    }

    @Test
    void emptyFrameIsUndecodable() {
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        assertTrue(refusal(-1).message().startsWith("undecodable frame"));
        assertClosedWithoutEscapingException();
    }

    @Test
    void aReplyIsNotAValidFirstFrame() {
        channel.writeInbound(Frames.frame(new ClientReply(3, new WriteResult(new byte[0], false))));
        assertEquals("a client connection may only send ClientFrames, got a ClientReply", refusal(-1).message());
        assertClosedWithoutEscapingException();
    }

    @Test
    void aClientMayNotTurnIntoAPeer() {
        channel.writeInbound(Frames.frame(new ClientFrame(1, new Get(Key.of("k"), Consistency.ONE.code()))));
        channel.writeInbound(Frames.frame(new Heartbeat()));
        assertEquals("a client connection may only send ClientFrames, got a Heartbeat", refusal(-1).message());
        assertClosedWithoutEscapingException();
    }

    @Test
    void bytesAfterARefusalAreDropped() {
        ByteBuf both = Unpooled.buffer().writeInt(0);
        both.writeBytes(Frames.frame(new ClientFrame(5, new Get(Key.of("k"), Consistency.ONE.code()))));
        channel.writeInbound(both);
        refusal(-1);
        assertNull(channel.readOutbound(), "exactly one refusal");
        assertTrue(machine.requests.isEmpty(), "nothing after a bad frame is admitted");
        assertClosedWithoutEscapingException();
    }

    @Test
    void aPeerConnectionFeedsPeerMessagesAsFromThatPeer() throws InterruptedException {
        channel.finishAndReleaseAll();
        ThreadCodecs codecs = new ThreadCodecs(FRAME_BYTES_MAX);
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_BYTES_MAX), new MessageDecoder(codecs), new MessageEncoder(codecs, FRAME_BYTES_MAX),
                new InboundConnectionHandler(SETTINGS, pipeline.inbound(), connections, NodeId.of("n2"))); // as its greeting proved
        channel.writeInbound(Frames.frame(new Heartbeat()));
        RecordingStateMachine.PeerInput input = machine.messages.poll(5, TimeUnit.SECONDS);
        assertNotNull(input);
        assertEquals(NodeId.of("n2"), input.from());
        assertInstanceOf(Heartbeat.class, input.message());
        assertTrue(channel.isOpen());
        assertEquals(0, connections.clientCount());
    }

    @Test
    void inFlightLimitPerConnectionAnswersOverloaded() throws InterruptedException {
        for (long id = 1; id <= 3; id++) channel.writeInbound(Frames.frame(new ClientFrame(id, new Put(Key.of("k"), new byte[1], null, Consistency.ONE.code(), false))));
        ClientReply reply = (ClientReply) Frames.read(channel.readOutbound());
        assertEquals(3, reply.requestId(), "the third request is over inFlightPerConnectionMax=2");
        Failure failure = (Failure) reply.response();
        assertEquals(ErrorKind.OVERLOADED, failure.kind());
        assertTrue(failure.message().contains("limit limits.inFlightPerConnectionMax=2"), failure.message());
        assertTrue(channel.isOpen(), "overload does not close the connection");
        assertEquals(1, machine.requests.poll(5, TimeUnit.SECONDS).requestId());
        assertEquals(2, machine.requests.poll(5, TimeUnit.SECONDS).requestId());
    }

    @Test
    void aFullRingAnswersOverloadedAtOnceWithoutClosing() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        RecordingStateMachine blocked = new RecordingStateMachine() {
            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                super.onClientRequest(client, requestId, request);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        NetworkSettings roomy = new NetworkSettings(SETTINGS.self(), SETTINGS.listen(), SETTINGS.peers(), FRAME_BYTES_MAX, 1000, 16, 1);
        Connections ownConnections = new Connections();
        Pipeline small = Pipeline.start("n1", 16, new NodeHandler("n1", blocked,
                new BatchingOutbox(SETTINGS.self(), ownConnections, ReplyObserver.NONE), PipelineObserver.NONE));
        ThreadCodecs codecs = new ThreadCodecs(FRAME_BYTES_MAX);
        EmbeddedChannel client = new EmbeddedChannel(new FrameDecoder(FRAME_BYTES_MAX), new MessageDecoder(codecs),
                new MessageEncoder(codecs, FRAME_BYTES_MAX), new InboundConnectionHandler(roomy, small.inbound(), ownConnections));
        try {
            for (long id = 1; id <= 30; id++) client.writeInbound(Frames.frame(new ClientFrame(id, new Get(Key.of("k"), Consistency.ONE.code()))));
            Object out = client.readOutbound();
            assertNotNull(out, "the ring holds 16; the rest are refused at once");
            Failure failure = (Failure) ((ClientReply) Frames.read((ByteBuf) out)).response();
            assertEquals(ErrorKind.OVERLOADED, failure.kind());
            assertTrue(failure.message().contains("queue full, pipeline.ringSize=16"), failure.message());
            assertTrue(client.isOpen());
            assertTrue(ownConnections.counters().refusedQueueFull.sum() >= 13);
        } finally {
            release.countDown();
            assertTrue(small.drainAndStop(Duration.ofSeconds(5)));
            client.finishAndReleaseAll();
        }
    }

    @Test
    void aReplyTooLargeForOneFrameBecomesAFailure() {
        ThreadCodecs codecs = new ThreadCodecs(FRAME_BYTES_MAX);
        EmbeddedChannel out = new EmbeddedChannel(new MessageEncoder(codecs, FRAME_BYTES_MAX));
        out.attr(ClientConnection.CLIENT).set(new ClientRef(9));
        byte[][] values = {new byte[3000], new byte[3000]};
        try (CapturedStderr stderr = new CapturedStderr()) {
            out.writeOutbound(new ClientReply(11, new GetResult(values, new byte[0])));
            assertTrue(stderr.lineWith("does not encode").contains("WARN io.chorus.node.net.MessageEncoder - client=9 request=11 reply to"));
        }
        ClientReply reply = (ClientReply) Frames.read(out.readOutbound());
        assertEquals(11, reply.requestId());
        Failure failure = (Failure) reply.response();
        assertEquals(ErrorKind.TOO_MANY_SIBLINGS, failure.kind());
        assertTrue(failure.message().contains("limits.frameBytesMax=4096"), failure.message());
        out.finishAndReleaseAll();
    }

    private Failure refusal(long requestId) {
        Message message = Frames.read(channel.readOutbound());
        ClientReply reply = assertInstanceOf(ClientReply.class, message);
        assertEquals(requestId, reply.requestId());
        Failure failure = assertInstanceOf(Failure.class, reply.response());
        assertEquals(ErrorKind.INVALID_REQUEST, failure.kind());
        return failure;
    }

    private void assertClosedWithoutEscapingException() {
        channel.runPendingTasks();
        assertFalse(channel.isOpen(), "a refused connection is closed");
        channel.checkException(); // rethrows anything that reached the end of the pipeline
    }
}
