package io.chorus.node.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Reads and drops everything: what a refused connection gets until it closes. */
@ChannelHandler.Sharable
final class DiscardInbound extends ChannelInboundHandlerAdapter {
    static final DiscardInbound INSTANCE = new DiscardInbound();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
