package io.chorus.node.net;

import io.chorus.node.HostPort;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.pipeline.PipelineObserver;
import io.chorus.node.pipeline.ReplyObserver;
import io.chorus.node.support.Frames;
import io.chorus.node.support.RecordingStateMachine;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Put;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.chorus.node.security.NodeSecurity;
import io.chorus.replication.message.Greeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admission bounds of accepted connections, on EmbeddedChannels with a frozen clock: counts, bytes, time. */
class AdmissionTest {
    private static final int FRAME_BYTES_MAX = 4096;
    private static final int READ_TIMEOUT_MILLIS = 1000;

    private RecordingStateMachine machine;
    private Pipeline pipeline;
    private Connections connections;
    private Admission admission;
    private NetworkSettings settings;
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeEach
    void setUp() {
        machine = new RecordingStateMachine();
        connections = new Connections();
        BatchingOutbox outbox = new BatchingOutbox(NodeId.of("n1"), connections, ReplyObserver.NONE);
        pipeline = Pipeline.start("n1", 1024, new NodeHandler("n1", machine, outbox, PipelineObserver.NONE));
        limits(new AdmissionLimits(3, 2, 3000, 100_000, 8192, READ_TIMEOUT_MILLIS, 5000));
    }

    private void limits(AdmissionLimits limits) {
        settings = new NetworkSettings(NodeId.of("n1"), new HostPort("127.0.0.1", 7401), Map.of(), FRAME_BYTES_MAX, 1000, 1024, 1, limits);
        admission = new Admission(limits);
        connections.setAdmission(admission);
    }

    private EmbeddedChannel connect() {
        EmbeddedChannel channel = AcceptedChannels.accepted(settings, NodeSecurity.open(Greeting.CLUSTER_NAME_DEFAULT), admission, connections,
                pipeline.inbound());
        channel.freezeTime();
        channels.add(channel);
        return channel;
    }

    /** A connection the greeting welcomed as a client. */
    private EmbeddedChannel connectAndGreet() {
        EmbeddedChannel channel = connect();
        AcceptedChannels.greetAsClient(channel);
        return channel;
    }

    @AfterEach
    void tearDown() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        assertTrue(pipeline.drainAndStop(Duration.ofSeconds(5)));
    }

    @Test
    void connectionsPastTheLimitsAreClosed() {
        EmbeddedChannel first = connect(), second = connect();
        EmbeddedChannel third = connect();
        assertFalse(first.isOpen(), "past pendingConnectionsMax=2 the oldest silent connection makes room");
        assertTrue(second.isOpen() && third.isOpen());
        AcceptedChannels.greetAsClient(second);
        assertTrue(connect().isOpen(), "the second was welcomed, so there is room for one more pending");
        assertFalse(connect().isOpen(), "over connectionsMax=3 a new connection is closed at once");
        assertEquals(3, admission.openConnections());
        assertEquals(1, connections.counters().refusedConnections.sum());
        assertEquals(1, admission.evictedPending());
        second.close();
        assertEquals(2, admission.openConnections(), "a closed connection gives its place back");
    }

    @Test
    void aHalfSentFrameOrNoGreetingIsClosedAfterTheReadTimeout() {
        EmbeddedChannel halfSent = connectAndGreet();
        EmbeddedChannel silent = connect();
        EmbeddedChannel halfGreeted = connect();
        halfGreeted.writeInbound(Unpooled.buffer().writeInt(30).writeBytes(new byte[10])); // 10 of a 30-byte greeting frame
        halfSent.writeInbound(put(1, 10));
        halfSent.writeInbound(Unpooled.buffer().writeInt(500).writeBytes(new byte[100])); // 100 of 500 bytes
        for (EmbeddedChannel c : channels) tick(c, READ_TIMEOUT_MILLIS / 2);
        assertTrue(silent.isOpen() && halfSent.isOpen(), "within the timeout both wait");
        for (EmbeddedChannel c : channels) tick(c, READ_TIMEOUT_MILLIS);
        assertFalse(silent.isOpen(), "no greeting within net.readTimeoutMillis");
        assertFalse(halfGreeted.isOpen(), "a greeting left half-sent");
        assertFalse(halfSent.isOpen(), "a frame left half-sent");
        assertEquals(3, connections.counters().timedOutConnections.sum());
        assertEquals(0, admission.budget().usedBytes(), "the half-sent frame's bytes went back to the budget");
    }

    @Test
    void aConnectionSendingWholeFramesStaysOpen() {
        EmbeddedChannel busy = connectAndGreet();
        for (int i = 0; i < 10; i++) {
            busy.writeInbound(put(i, 10));
            tick(busy, READ_TIMEOUT_MILLIS / 3);
        }
        assertTrue(busy.isOpen());
    }

    @Test
    void requestBytesPastTheNodesBudgetAreOverloadedAtOnce() throws InterruptedException {
        EmbeddedChannel client = connectAndGreet();
        int admitted = 0;
        Failure refused = null;
        for (int id = 1; id <= 10 && refused == null; id++) {
            client.writeInbound(put(id, 900)); // ~940-byte frames against a 3,000-byte budget; nothing answers them
            Object out = client.readOutbound();
            if (out == null) {
                admitted++;
            } else {
                refused = assertInstanceOf(Failure.class, ((ClientReply) Frames.read((ByteBuf) out)).response());
            }
        }
        assertEquals(3, admitted);
        assertNotNull(refused, "the fourth request must be refused");
        assertEquals(ErrorKind.OVERLOADED, refused.kind());
        assertTrue(refused.message().contains("limits.requestBytesMax=3000"), refused.message());
        for (int i = 0; i < admitted; i++) assertNotNull(machine.requests.poll(5, TimeUnit.SECONDS));
        client.close();
        assertEquals(0, admission.budget().usedBytes(), "a closed connection's requests give their bytes back");
    }

    @Test
    void refusalLinesAreRateLimited() {
        long[] nanos = {0};
        RateLimitedLog log = new RateLimitedLog(org.slf4j.LoggerFactory.getLogger(AdmissionTest.class), () -> nanos[0]);
        for (int i = 0; i < 1000; i++) log.info("refused connection {}", i);
        assertEquals(1000 - RateLimitedLog.LINES_PER_SECOND, log.suppressed(), "a burst logs LINES_PER_SECOND lines, counts the rest");
        nanos[0] += TimeUnit.SECONDS.toNanos(1);
        log.info("refused connection {}", "after a second");
        assertEquals(0, log.suppressed(), "the next second's first line reports the suppressed count");
    }

    private static void tick(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static ByteBuf put(long id, int valueBytes) {
        return Frames.frame(new ClientFrame(id, new Put(Key.of("k"), new byte[valueBytes], null, Consistency.ONE.code(), false)));
    }
}
