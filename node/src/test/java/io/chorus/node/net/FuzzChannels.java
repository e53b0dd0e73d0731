package io.chorus.node.net;

import io.chorus.node.HostPort;
import io.chorus.node.pipeline.BatchingOutbox;
import io.chorus.node.pipeline.NodeHandler;
import io.chorus.node.pipeline.Pipeline;
import io.chorus.node.pipeline.PipelineObserver;
import io.chorus.node.pipeline.ReplyObserver;
import io.chorus.node.security.ClusterSecret;
import io.chorus.node.security.NodeSecurity;
import io.chorus.node.support.RecordingStateMachine;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.ring.NodeId;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * Accepted connections for the fuzz targets: the server's real handler chain (connection gate,
 * greeting, then the message pipeline it installs) on an EmbeddedChannel, over one pipeline whose
 * state machine records and never answers (so every reply is a refusal). The node has a cluster
 * secret, so that a test can prove itself a peer without a loopback address.
 */
public final class FuzzChannels {
    public static final NodeId PEER = NodeId.of("n2");
    private static final NodeId SELF = NodeId.of("n1");
    private static final int FRAME_BYTES_MAX = 64 << 10;
    private static RecordingStateMachine machine;
    private static Pipeline pipeline;
    private static Connections connections;
    private static NetworkSettings settings;
    private static NodeSecurity security;

    private FuzzChannels() {
    }

    /** A new connection that has sent nothing yet: its first bytes are read as a greeting. */
    public static synchronized EmbeddedChannel accepted() {
        if (pipeline == null) {
            machine = new RecordingStateMachine();
            connections = new Connections();
            settings = new NetworkSettings(SELF, new HostPort("127.0.0.1", 7401), Map.of(PEER, new HostPort("127.0.0.1", 7402)),
                    FRAME_BYTES_MAX, 64, 1024, 1);
            pipeline = Pipeline.start("n1", 1024, new NodeHandler("n1", machine, new BatchingOutbox(settings.self(), connections, ReplyObserver.NONE),
                    PipelineObserver.NONE));
            security = new NodeSecurity(Greeting.CLUSTER_NAME_DEFAULT, secret(), null, null);
        }
        return AcceptedChannels.accepted(settings, security, connections.admission(), connections, pipeline.inbound());
    }

    /** A connection welcomed as an anonymous client: what it is sent next reaches the message pipeline. */
    public static EmbeddedChannel greetedClient() {
        EmbeddedChannel channel = accepted();
        AcceptedChannels.greetAsClient(channel);
        return channel;
    }

    /** A connection welcomed as member {@link #PEER}, proven by the cluster secret. */
    public static EmbeddedChannel greetedPeer() {
        EmbeddedChannel channel = accepted();
        byte[] dialerNonce = new byte[Greeting.NONCE_BYTES];
        Greeting answer = AcceptedChannels.greet(channel, new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, Greeting.CLUSTER_NAME_DEFAULT, PEER.name(), dialerNonce));
        if (!(answer instanceof Greeting.PeerChallenge challenge)) throw new AssertionError("no challenge to a member's hello: " + answer);
        byte[] proof = security.secret().proof(ClusterSecret.Role.DIALER, Greeting.CLUSTER_NAME_DEFAULT, PEER.name(), SELF.name(),
                dialerNonce, challenge.nonce());
        AcceptedChannels.expectWelcome(AcceptedChannels.greet(channel, new Greeting.PeerProof(proof)));
        return channel;
    }

    /** The greeting frame the node wrote next, or null when it wrote nothing more. */
    public static Greeting readGreeting(EmbeddedChannel channel) {
        return AcceptedChannels.readGreeting(channel);
    }

    private static ClusterSecret secret() {
        try {
            Path file = Files.createTempFile("fuzz-cluster", ".secret");
            file.toFile().deleteOnExit();
            Files.writeString(file, ClusterSecret.generate(new SecureRandom()));
            return ClusterSecret.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
