package io.chorus.node.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.ByteOrder;

/**
 * Splits the stream into frames: a 4-byte big-endian length, then that many bytes (at most
 * {@code frameBytesMax}). An oversized frame is refused as soon as its length is read, before any of
 * it is buffered, and its bytes are skipped; the error names the size and the limit.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    public static final int LENGTH_BYTES = 4;

    private final int frameBytesMax;
    private long lastLength;

    public FrameDecoder(int frameBytesMax) {
        super(frameBytesMax + LENGTH_BYTES, 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
        this.frameBytesMax = frameBytesMax;
    }

    /** Bytes received and buffered that do not yet make a whole frame. */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        lastLength = super.getUnadjustedFrameLength(buf, offset, length, order);
        return lastLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        try {
            return super.decode(ctx, in);
        } catch (TooLongFrameException e) {
            throw new FrameTooLargeException(lastLength, frameBytesMax);
        }
    }

    /** A frame over the limit; its bytes are being skipped. */
    public static final class FrameTooLargeException extends TooLongFrameException {
        FrameTooLargeException(long frameBytes, int frameBytesMax) {
            super("frame of " + frameBytes + " bytes is over the limit limits.frameBytesMax=" + frameBytesMax + " bytes");
        }
    }
}
