package io.chorus.node.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound end of an outgoing peer link. Peers answer on their own links, so nothing should
 * arrive here; whatever does is dropped. Errors close the link (which then reconnects).
 */
@ChannelHandler.Sharable
final class PeerLinkHandler extends ChannelInboundHandlerAdapter {
    static final PeerLinkHandler INSTANCE = new PeerLinkHandler();
    private static final Logger log = LoggerFactory.getLogger(PeerLinkHandler.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (FrameErrors.isConnectionLoss(cause)) {
            log.debug("peer link to {} lost: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("peer link to {} failed; reconnecting", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
