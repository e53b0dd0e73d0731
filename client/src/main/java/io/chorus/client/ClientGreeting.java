package io.chorus.client;

import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * The client's side of the greeting: says {@link Greeting.ClientHello} (protocol version, expected
 * cluster, user and password) as soon as the connection is up, and waits for {@link Greeting.Welcome}
 * before the connection carries any request. {@link #ready} succeeds then; it fails with a
 * {@link ChorusException} when the node refused (wrong password: {@code Unauthorized}; another
 * version or cluster: {@code InvalidRequest}), or with a {@link NotDelivered} when the connection
 * failed or closed first (a node that wants TLS closes a plaintext caller).
 */
final class ClientGreeting extends ChannelInboundHandlerAdapter {
    private final ClientSecurity security;
    private final String address;
    private ChannelPromise ready;

    ClientGreeting(ClientSecurity security, String address) {
        this.security = security;
        this.address = address;
    }

    /** The greeting's outcome, kept on the channel (the handler leaves the pipeline once welcomed). */
    private static final AttributeKey<ChannelPromise> READY = AttributeKey.valueOf("chorus.greeted");

    /** Completes when the node welcomed {@code channel}'s connection (or refused it); call once it is registered. */
    static ChannelPromise ready(Channel channel) {
        return channel.attr(READY).get();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ready = ctx.newPromise();
        ctx.channel().attr(READY).set(ready);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (NodeConnection.connectedToItself(ctx.channel())) {
            ready.tryFailure(new NotDelivered(false, "connection refused (the connection looped back to itself)"));
            ctx.close();
            return;
        }
        byte[] hello = GreetingCodec.encode(security.hello());
        ctx.writeAndFlush(ctx.alloc().buffer(4 + hello.length).writeInt(hello.length).writeBytes(hello));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Greeting greeting;
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            greeting = GreetingCodec.decode(bytes);
        } catch (CodecException e) {
            fail(ctx, new ChorusException(ErrorKind.INVALID_REQUEST, address + " did not answer with a Chorus greeting: " + e.getMessage()));
            return;
        } finally {
            frame.release();
        }
        if (greeting instanceof Greeting.Welcome welcome) {
            onWelcome(ctx, welcome);
        } else if (greeting instanceof Greeting.Refused refused) {
            fail(ctx, new ChorusException(refused.kind(), address + " refused the connection: " + refused.reason()));
        } else {
            fail(ctx, new ChorusException(ErrorKind.INVALID_REQUEST, address + " sent an unexpected " + greeting.getClass().getSimpleName()));
        }
    }

    private void onWelcome(ChannelHandlerContext ctx, Greeting.Welcome welcome) {
        if (welcome.version() != Greeting.PROTOCOL_VERSION) {
            fail(ctx, new ChorusException(ErrorKind.INVALID_REQUEST, address + " speaks protocol version " + welcome.version()
                    + ", this client " + Greeting.PROTOCOL_VERSION));
        } else if (!security.clusterName().isEmpty() && !security.clusterName().equals(welcome.cluster())) {
            fail(ctx, new ChorusException(ErrorKind.INVALID_REQUEST, address + " belongs to cluster '" + welcome.cluster()
                    + "', not '" + security.clusterName() + "'"));
        } else {
            ctx.pipeline().remove(this);
            ready.trySuccess();
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        ready.tryFailure(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ready.tryFailure(new NotDelivered(false, "the node closed the connection during the greeting"
                + (security.caFile() == null ? " (does it require TLS?)" : "")));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ready.isDone()) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        ready.tryFailure(new NotDelivered(false, NotDelivered.reasonOf(cause)));
        ctx.close();
    }
}
