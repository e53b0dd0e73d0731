package io.chorus.node.net;

import io.chorus.node.pipeline.Inbound;
import io.chorus.node.security.GreetingCounters;
import io.chorus.node.security.User;
import io.chorus.replication.ring.NodeId;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * What an accepted connection becomes once welcomed: the greeting handlers give way to the message
 * frame decoder, the codec and the connection handler (with, for an authenticated client, its
 * {@link Authorization} in front), and its {@link ConnectionGate} stops counting it as pending and
 * watches its frames. Runs on the connection's event loop.
 */
final class MessagePipeline implements AcceptorGreeting.Handover {
    private final NetworkSettings settings;
    private final ThreadCodecs codecs;
    private final MessageEncoder encoder;
    private final Inbound inbound;
    private final Connections connections;
    private final GreetingCounters counters;

    MessagePipeline(NetworkSettings settings, ThreadCodecs codecs, MessageEncoder encoder, Inbound inbound, Connections connections,
                    GreetingCounters counters) {
        this.settings = settings;
        this.codecs = codecs;
        this.encoder = encoder;
        this.inbound = inbound;
        this.connections = connections;
        this.counters = counters;
    }

    @Override
    public void peer(Channel channel, NodeId peer) {
        install(channel, null, new InboundConnectionHandler(settings, inbound, connections, peer));
    }

    @Override
    public void client(Channel channel, User user) {
        install(channel, user, new InboundConnectionHandler(settings, inbound, connections, null));
    }

    private void install(Channel channel, User user, InboundConnectionHandler handler) {
        assert channel.eventLoop().inEventLoop();
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.replace(AcceptorGreeting.NAME, "decoder", new MessageDecoder(codecs));
        pipeline.addLast("encoder", encoder);
        if (user != null) pipeline.addLast("authorization", new Authorization(user, counters));
        pipeline.addLast("connection", handler);
        ConnectionGate gate = pipeline.get(ConnectionGate.class); // null on test channels built without one
        if (gate != null) {
            // right after the frame decoder once it replaces the greeting's: it sees every whole message frame
            pipeline.addAfter(GreetingFrames.NAME, ConnectionGate.FRAME_WATCH, gate.frameWatch());
            gate.welcomed(channel);
        }
        // last: bytes the greeting decoder still holds (none from a well-behaved caller) flow into the message decoder
        pipeline.replace(GreetingFrames.NAME, "frames", new FrameDecoder(settings.frameBytesMax()));
    }
}
