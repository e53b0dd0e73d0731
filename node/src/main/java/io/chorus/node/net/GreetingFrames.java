package io.chorus.node.net;

import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts greeting frames (4-byte length, then at most {@link Greeting#GREETING_BYTES_MAX} bytes) while
 * a connection greets. Each side waits for the other's answer before its next greeting frame, so
 * more than one frame's worth of buffered bytes means the caller is sending ahead (requests before
 * it was welcomed): refused, so that an unauthenticated connection holds at most one small frame.
 * Replaced by the message pipeline once the greeting succeeds.
 */
final class GreetingFrames extends LengthFieldBasedFrameDecoder {
    static final String NAME = "greetingFrames";
    private static final int FRAME_BYTES_MAX = FrameDecoder.LENGTH_BYTES + Greeting.GREETING_BYTES_MAX;

    GreetingFrames() {
        super(FRAME_BYTES_MAX, 0, FrameDecoder.LENGTH_BYTES, 0, FrameDecoder.LENGTH_BYTES, true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() > FRAME_BYTES_MAX) {
            throw new CodecException(in.readableBytes() + " bytes arrived before the greeting finished (at most one greeting frame of "
                    + FRAME_BYTES_MAX + " bytes may be outstanding)", null);
        }
        return super.decode(ctx, in);
    }

    /** The greeting in one cut frame. */
    static Greeting read(ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return GreetingCodec.decode(bytes);
    }

    /** A greeting as a frame to write. */
    static ByteBuf frame(ByteBufAllocator allocator, Greeting greeting) {
        byte[] bytes = GreetingCodec.encode(greeting);
        return allocator.buffer(FrameDecoder.LENGTH_BYTES + bytes.length).writeInt(bytes.length).writeBytes(bytes);
    }
}
