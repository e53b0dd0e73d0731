package io.chorus.node.net;

import io.chorus.node.pipeline.Inbound;
import io.chorus.node.security.NodeSecurity;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An accepted connection as the server builds it (connection gate first, then the greeting, which
 * installs the message pipeline once it welcomes the caller) on an EmbeddedChannel, and the test's
 * side of the greeting.
 */
public final class AcceptedChannels {
    private AcceptedChannels() {
    }

    /** A new connection that has sent nothing yet: its first bytes are read as a greeting. */
    static EmbeddedChannel accepted(NetworkSettings settings, NodeSecurity security, Admission admission, Connections connections,
                                    Inbound inbound) {
        ThreadCodecs codecs = new ThreadCodecs(settings.frameBytesMax());
        MessagePipeline handover = new MessagePipeline(settings, codecs, new MessageEncoder(codecs, settings.frameBytesMax()), inbound,
                connections, security.counters());
        return new EmbeddedChannel(new ChannelInitializer<>() { // named as NodeServer names them: the greeting's handover finds them by name
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(ConnectionGate.NAME, new ConnectionGate(admission, connections.counters()))
                        .addLast(GreetingFrames.NAME, new GreetingFrames())
                        .addLast(AcceptorGreeting.NAME, new AcceptorGreeting(settings, security, handover));
            }
        });
    }

    /** Greets as an anonymous client of any cluster and expects the welcome: what is sent next reaches the message pipeline. */
    public static void greetAsClient(EmbeddedChannel channel) {
        expectWelcome(greet(channel, new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, "", "", new byte[0])));
    }

    /** Sends one greeting frame and returns the node's answer (null: none). */
    public static Greeting greet(EmbeddedChannel channel, Greeting greeting) {
        byte[] body = GreetingCodec.encode(greeting);
        channel.writeInbound(Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body));
        return readGreeting(channel);
    }

    /** The greeting frame the node wrote next, or null when it wrote nothing more. */
    public static Greeting readGreeting(EmbeddedChannel channel) {
        ByteBuf frame = channel.readOutbound();
        if (frame == null) return null;
        try {
            int length = frame.readInt();
            if (length != frame.readableBytes()) throw new AssertionError("a greeting frame of " + length + " bytes holds " + frame.readableBytes());
            byte[] body = new byte[length];
            frame.readBytes(body);
            return GreetingCodec.decode(body);
        } finally {
            frame.release();
        }
    }

    public static void expectWelcome(Greeting answer) {
        if (!(answer instanceof Greeting.Welcome)) throw new AssertionError("the node did not welcome the test's greeting: " + answer);
    }
}
