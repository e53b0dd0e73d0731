package io.chorus.node.net;

import io.chorus.node.logging.RequestIds;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A {@code Message} to a length-prefixed frame, encoded on the connection's event loop with that
 * thread's codec (so the handler thread never pays for encoding). A reply too big for one frame
 * (many large siblings) becomes a Failure that says so, rather than a frame the client would
 * refuse; a peer message that cannot be encoded is dropped and logged (the protocol tolerates loss).
 */
@ChannelHandler.Sharable
public final class MessageEncoder extends MessageToMessageEncoder<Message> {
    private static final Logger log = LoggerFactory.getLogger(MessageEncoder.class);

    private final ThreadCodecs codecs;
    private final int frameBytesMax;

    public MessageEncoder(ThreadCodecs codecs, int frameBytesMax) {
        super(Message.class);
        this.codecs = codecs;
        this.frameBytesMax = frameBytesMax;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        byte[] bytes;
        try {
            bytes = codecs.get().encode(message);
        } catch (RuntimeException e) {
            bytes = encodeReplacement(ctx, message, e);
        }
        if (bytes == null) {
            out.add(Unpooled.EMPTY_BUFFER); // an encoder must emit something; this writes nothing
            return;
        }
        ByteBuf frame = ctx.alloc().ioBuffer(FrameDecoder.LENGTH_BYTES + bytes.length);
        frame.writeInt(bytes.length).writeBytes(bytes);
        out.add(frame);
    }

    private byte[] encodeReplacement(ChannelHandlerContext ctx, Message message, RuntimeException e) {
        if (message instanceof ClientReply reply) {
            ClientRef client = ctx.channel().attr(ClientConnection.CLIENT).get(); // null: refused before it was a client
            RequestIds.on(log.atWarn(), client == null ? -1 : client.id(), reply.requestId()).log(
                    "reply to {} does not encode within limits.frameBytesMax={} bytes: {}", ctx.channel().remoteAddress(),
                    frameBytesMax, e.getMessage());
            return codecs.get().encode(new ClientReply(reply.requestId(), tooLarge(reply)));
        }
        log.error("dropped a {} to {}: it does not encode within limits.frameBytesMax={} bytes: {}",
                message.getClass().getSimpleName(), ctx.channel().remoteAddress(), frameBytesMax, e.getMessage());
        return null;
    }

    private Failure tooLarge(ClientReply reply) {
        if (reply.response() instanceof GetResult result) {
            return new Failure(ErrorKind.TOO_MANY_SIBLINGS, "(values " + result.values().length + "): the key's values"
                    + " together are larger than one reply frame (limits.frameBytesMax=" + frameBytesMax
                    + " bytes)");
        }
        return new Failure(ErrorKind.INVALID_REQUEST, "the reply is larger than one frame (limits.frameBytesMax=" + frameBytesMax + " bytes)");
    }
}
