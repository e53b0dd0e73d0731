package io.chorus.node.net;

import io.chorus.replication.message.Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * One frame to one {@code Message} with this thread's codec. Undecodable bytes surface as a
 * DecoderException whose cause is the codec's {@code CodecException} saying what was wrong.
 */
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final ThreadCodecs codecs;

    public MessageDecoder(ThreadCodecs codecs) {
        super(ByteBuf.class);
        this.codecs = codecs;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        Codec codec = codecs.get();
        int length = frame.readableBytes();
        if (frame.hasArray()) {
            out.add(codec.decode(frame.array(), frame.arrayOffset() + frame.readerIndex(), length));
        } else {
            out.add(codec.decode(ByteBufUtil.getBytes(frame, frame.readerIndex(), length, false), 0, length));
        }
        frame.skipBytes(length);
    }
}
