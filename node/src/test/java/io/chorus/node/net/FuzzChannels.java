package io.chorus.node.net;

import io.chorus.node.HostPort;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.pipeline.PipelineObserver;
import io.chorus.node.pipeline.ReplyObserver;
import io.chorus.node.support.RecordingStateMachine;
import io.chorus.replication.ring.NodeId;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Duration;
import java.util.Map;

/**
 * Accepted connections for the fuzz targets: the server's real handler chain on an EmbeddedChannel,
 * over one pipeline whose state machine records and never answers (so every reply is a refusal).
 */
public final class FuzzChannels {
    public static final NodeId PEER = NodeId.of("n2");
    private static final int FRAME_BYTES_MAX = 64 << 10;
    private static RecordingStateMachine machine;
    private static Pipeline pipeline;
    private static Connections connections;
    private static NetworkSettings settings;

    private FuzzChannels() {
    }

    public static synchronized EmbeddedChannel accepted() {
        if (pipeline == null) {
            machine = new RecordingStateMachine();
            connections = new Connections();
            settings = new NetworkSettings(NodeId.of("n1"), new HostPort("127.0.0.1", 7401), Map.of(PEER, new HostPort("127.0.0.1", 7402)),
                    FRAME_BYTES_MAX, 64, 1024, 1);
            pipeline = Pipeline.start("n1", 1024, new NodeHandler("n1", machine, new BatchingOutbox(settings.self(), connections, ReplyObserver.NONE),
                    PipelineObserver.NONE));
        }
        ThreadCodecs codecs = new ThreadCodecs(FRAME_BYTES_MAX);
        ConnectionGate gate = new ConnectionGate(connections.admission(), connections.counters());
        return new EmbeddedChannel(gate, new FrameDecoder(FRAME_BYTES_MAX), gate.frameWatch(), new MessageDecoder(codecs),
                new MessageEncoder(codecs, FRAME_BYTES_MAX), new InboundConnectionHandler(settings, pipeline.inbound(), connections));
    }

    /** Drops what the state machine recorded, so that millions of runs do not accumulate. */
    public static synchronized void forget() {
        if (machine == null) return;
        machine.requests.clear();
        machine.messages.clear();
    }

    public static synchronized void stop() {
        if (pipeline != null) pipeline.drainAndStop(Duration.ofSeconds(5));
        pipeline = null;
    }
}
