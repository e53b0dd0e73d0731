package io.chorus.node.net;

import io.chorus.node.pipeline.Inbound;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.ring.NodeId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an accepted connection, once its greeting ({@link AcceptorGreeting}) made it a
 * peer connection (its messages go to the pipeline as from the member it proved to be) or a client
 * connection (its first {@link ClientFrame} registers it as a {@link ClientConnection}).
 * Anything else, and any frame that cannot be read, is refused with an InvalidRequest naming the
 * problem (request id -1 when unknown), then the connection closes. Bad input never escapes as an
 * exception.
 */
final class InboundConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InboundConnectionHandler.class);

    private final NetworkSettings settings;
    private final Inbound inbound;
    private final Connections connections;
    private ClientConnection client;
    private final NodeId peer;
    private boolean refused;

    /** A client connection: its first frame must be a ClientFrame. */
    InboundConnectionHandler(NetworkSettings settings, Inbound inbound, Connections connections) {
        this(settings, inbound, connections, null);
    }

    /** @param peer the member this connection proved to be in its greeting, null for a client connection */
    InboundConnectionHandler(NetworkSettings settings, Inbound inbound, Connections connections, NodeId peer) {
        this.settings = settings;
        this.inbound = inbound;
        this.connections = connections;
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused || !(msg instanceof Message message)) {
            ReferenceCountUtil.release(msg); // leftovers of a refused connection
            return;
        }
        if (client != null) {
            if (message instanceof ClientFrame frame) {
                client.onFrame(frame);
            } else {
                refuse(ctx, "a client connection may only send ClientFrames, got a " + message.getClass().getSimpleName());
            }
        } else if (peer != null) {
            onPeerFrame(ctx, message);
        } else {
            onFirstFrame(ctx, message);
        }
    }

    private void onFirstFrame(ChannelHandlerContext ctx, Message message) {
        if (message instanceof ClientFrame frame) {
            client = connections.registerClient(ctx.channel(), inbound, settings);
            client.onFrame(frame);
        } else {
            refuse(ctx, "a client connection may only send ClientFrames, got a " + message.getClass().getSimpleName());
        }
    }

    private void onPeerFrame(ChannelHandlerContext ctx, Message message) {
        if (message instanceof PeerMessage peerMessage) {
            inbound.tryPeerMessage(peer, peerMessage); // a full ring drops it: peers tolerate loss
            return;
        }
        log.warn("{}: closing the connection from peer {}: it sent a {}, not a peer message", settings.self(), peer,
                message.getClass().getSimpleName());
        refused = true;
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (client != null) client.flushRefusals();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (refused) return;
        if (FrameErrors.isConnectionLoss(cause)) {
            log.debug("{}: connection from {} lost: {}", settings.self(), ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        String badInput = FrameErrors.describeBadInput(cause);
        if (badInput == null) {
            log.error("{}: unexpected error on the connection from {}; closing it", settings.self(), ctx.channel().remoteAddress(), cause);
            refused = true;
            ctx.close();
        } else if (peer != null) {
            log.warn("{}: closing the connection from peer {}: {}", settings.self(), peer, badInput);
            refused = true;
            ctx.close();
        } else {
            refuse(ctx, badInput);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        refused = true;
        connections.counters().refusedBadFrames.increment();
        connections.admission().refusals().info("{}: refused client connection {}: {}", settings.self(), ctx.channel().remoteAddress(), reason);
        Refusal.refuseAndClose(ctx.channel(), -1, reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) connections.unregisterClient(client);
        if (peer != null) log.debug("{}: peer {} disconnected", settings.self(), peer);
        ctx.fireChannelInactive();
    }
}
