package io.chorus.node.net;

import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;

import java.util.concurrent.TimeUnit;

/**
 * Refuses a client connection: one InvalidRequest naming the problem, then close. Closing a socket
 * with unread input makes the OS send a reset, which can destroy the reply before the client reads
 * it; so decoding stops, whatever else arrives is read and dropped, the output is shut down after
 * the reply (the client sees end of stream), and the connection closes when the client closes it
 * or after {@link #LINGER_MILLIS}.
 */
final class Refusal {
    static final long LINGER_MILLIS = 2000;

    private Refusal() {
    }

    /** @param requestId the request the problem is about, -1 when unknown (the frame could not be read) */
    static void refuseAndClose(Channel channel, long requestId, String reason) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(MessageDecoder.class) != null) pipeline.remove(MessageDecoder.class);
        if (pipeline.get(FrameDecoder.class) != null) pipeline.replace(FrameDecoder.class, "discard", DiscardInbound.INSTANCE);
        ClientReply reply = new ClientReply(requestId, new Failure(ErrorKind.INVALID_REQUEST, reason));
        channel.writeAndFlush(reply).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }
}
