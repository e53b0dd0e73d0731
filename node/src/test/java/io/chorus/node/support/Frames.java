package io.chorus.node.support;

import io.chorus.replication.message.Codec;
import io.chorus.replication.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Test-side framing: a message to a length-prefixed frame and back, with the real codec. */
public final class Frames {
    private static final Codec CODEC = new Codec(64 << 20);

    private Frames() {
    }

    public static synchronized byte[] frameBytes(Message message) {
        byte[] body = CODEC.encode(message);
        ByteBuf buf = Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
        byte[] frame = new byte[buf.readableBytes()];
        buf.readBytes(frame);
        return frame;
    }

    public static ByteBuf frame(Message message) {
        return Unpooled.wrappedBuffer(frameBytes(message));
    }

    /** Decodes one whole frame; releases the buffer. */
    public static synchronized Message read(ByteBuf frame) {
        try {
            int length = frame.readInt();
            if (length != frame.readableBytes()) throw new AssertionError("frame says " + length + " bytes, has " + frame.readableBytes());
            byte[] body = new byte[length];
            frame.readBytes(body);
            return CODEC.decode(body);
        } finally {
            frame.release();
        }
    }
}
