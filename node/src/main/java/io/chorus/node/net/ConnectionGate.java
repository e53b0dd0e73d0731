package io.chorus.node.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The first handler of an accepted connection: what one connection may hold and for how long.
 * <ul>
 * <li>Past {@code limits.connectionsMax} open a new connection is closed at once; past
 *     {@code limits.pendingConnectionsMax} not yet welcomed by the greeting (TLS handshake, hello,
 *     proof or login still under way) the oldest of those is closed.</li>
 * <li>The bytes it holds (a partial frame buffered by the {@link FrameDecoder}, replies built or
 *     written but not yet sent) are charged to the node's {@link RequestBytesBudget}; while the budget
 *     is spent, or its own replies waiting pass {@code limits.unsentReplyBytesMax}, the node stops
 *     reading from it, so the rest waits in the kernel, not the heap (and its requests already read
 *     get Overloaded instead of more replies, see {@link ClientConnection}). Replies left unread for
 *     {@code net.readTimeoutMillis} (none of them taken by the client meanwhile), or past twice that
 *     many bytes: closed, a slow reader.</li>
 * <li>Not welcomed within {@code net.readTimeoutMillis} of connecting, or a message frame left
 *     half-sent that long: closed. Nothing received for {@code net.idleTimeoutMillis}: closed.</li>
 * </ul>
 * It is the first handler (before TLS and the greeting), so all of this also holds for connections
 * that never greet. All on the channel's event loop.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    static final String NAME = "gate";
    /** The name of {@link #frameWatch()} in the pipeline. */
    static final String FRAME_WATCH = "frameWatch";
    private final Admission admission;
    private final NetworkCounters counters;
    private long openedNanos;
    private ScheduledFuture<?> check;
    private boolean admitted;
    private boolean pending = true;
    private long lastReadNanos;
    private long partialSinceNanos;
    private long chargedBytes;
    private boolean pausedForBudget;
    private int lastFrameBytes;
    private LongSupplier owedReplies = () -> 0; // a client connection's replies built but not yet written to the channel
    private long lastUnsent;
    private long stalledSinceNanos;

    ConnectionGate(Admission admission, NetworkCounters counters) {
        this.admission = admission;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String refused = admission.tryOpen(ctx.channel());
        if (refused != null) {
            counters.refusedConnections.increment();
            admission.refusals().info("refused connection from {}: {}", ctx.channel().remoteAddress(), refused);
            ctx.close();
            return;
        }
        admitted = true;
        openedNanos = ctx.executor().ticker().nanoTime();
        lastReadNanos = openedNanos;
        long periodMillis = Math.max(10, Math.min(1000, admission.limits().readTimeoutMillis() / 4));
        check = ctx.executor().scheduleAtFixedRate(() -> periodic(ctx), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = ctx.executor().ticker().nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (partialSinceNanos == 0 && bufferedFrameBytes(ctx.channel()) > 0) partialSinceNanos = ctx.executor().ticker().nanoTime();
        recharge(ctx.channel());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        recharge(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    /** The client connection this became: its replies built but not yet written count as held here too. */
    void watchOwedReplies(LongSupplier owed) {
        this.owedReplies = owed;
    }

    /** The size of the frame decoded last (a client request's charge to the budget). */
    int lastFrameBytes() {
        return lastFrameBytes;
    }

    /** The handler that goes right after the {@link FrameDecoder}: it sees every whole frame. */
    ChannelInboundHandlerAdapter frameWatch() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof io.netty.buffer.ByteBuf frame) lastFrameBytes = frame.readableBytes();
                frameDecoded(ctx.channel());
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** A whole frame was decoded: no frame is half-sent. */
    private void frameDecoded(Channel channel) {
        partialSinceNanos = 0;
    }

    /** The greeting welcomed the connection (a proven peer or an authenticated client): no longer pending. */
    void welcomed(Channel channel) {
        assert channel.eventLoop().inEventLoop();
        if (pending) {
            pending = false;
            admission.welcomed(channel);
        }
    }

    /**
     * A reply was just written (from {@link ClientConnection}): charge it, and close the connection
     * of a client that does not read (false: closed, write no more to it).
     */
    boolean repliesWritten(Channel channel) {
        recharge(channel);
        if (unsentBytes(channel) > 2L * admission.limits().unsentReplyBytesMax()) {
            counters.closedSlowReaders.increment();
            admission.refusals().warn("closing the connection from {}: {} reply bytes unread, over twice limits.unsentReplyBytesMax={}",
                    channel.remoteAddress(), unsentBytes(channel), admission.limits().unsentReplyBytesMax());
            channel.close();
            return false;
        }
        return true;
    }

    private void periodic(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        long now = ctx.executor().ticker().nanoTime();
        long readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(admission.limits().readTimeoutMillis());
        recharge(channel);
        if (bufferedFrameBytes(channel) == 0) partialSinceNanos = 0;
        long unsent = unsentBytes(channel);
        if (unsent == 0 || unsent < lastUnsent) {
            stalledSinceNanos = 0; // nothing waiting, or the client read some since the last look
        } else if (stalledSinceNanos == 0) {
            stalledSinceNanos = now;
        }
        lastUnsent = unsent;
        if (stalledSinceNanos != 0 && now - stalledSinceNanos > readTimeoutNanos) {
            counters.closedSlowReaders.increment();
            admission.refusals().warn("closing the connection from {}: {} reply bytes left unread for over net.readTimeoutMillis={}",
                    channel.remoteAddress(), unsent, admission.limits().readTimeoutMillis());
            channel.close();
            return;
        }
        String timedOut = null;
        if (pending && now - openedNanos > readTimeoutNanos) {
            timedOut = "not welcomed (TLS handshake and greeting) within net.readTimeoutMillis=" + admission.limits().readTimeoutMillis();
        } else if (partialSinceNanos != 0 && now - partialSinceNanos > readTimeoutNanos) {
            timedOut = "a frame left unfinished for over net.readTimeoutMillis=" + admission.limits().readTimeoutMillis();
        } else if (admission.limits().idleTimeoutMillis() > 0
                && now - lastReadNanos > TimeUnit.MILLISECONDS.toNanos(admission.limits().idleTimeoutMillis())) {
            timedOut = "nothing received for net.idleTimeoutMillis=" + admission.limits().idleTimeoutMillis();
        }
        if (timedOut != null) {
            counters.timedOutConnections.increment();
            admission.refusals().info("closing the connection from {}: {}", channel.remoteAddress(), timedOut);
            channel.close();
        }
    }

    /** Brings this connection's charge to what it holds now, and reads from it only while that is affordable. */
    private void recharge(Channel channel) {
        if (!admitted) return;
        long unsent = unsentBytes(channel) + owedReplies.getAsLong();
        long holding = unsent + bufferedFrameBytes(channel);
        RequestBytesBudget budget = admission.budget();
        if (holding > chargedBytes) {
            budget.charge(holding - chargedBytes);
        } else {
            budget.release(chargedBytes - holding);
        }
        chargedBytes = holding;
        pausedForBudget = budget.usedBytes() > budget.bytesMax();
        channel.config().setAutoRead(channel.isWritable() && unsent <= admission.limits().unsentReplyBytesMax() && !pausedForBudget);
    }

    /**
     * Bytes of a message frame not yet whole (none while greeting, when the greeting's own decoder holds
     * at most one small frame, and none once a refusal has replaced the decoder).
     */
    private static long bufferedFrameBytes(Channel channel) {
        FrameDecoder frames = channel.pipeline().get(FrameDecoder.class);
        return frames == null ? 0 : frames.bufferedBytes();
    }

    /** Bytes written to the channel and not yet taken by the kernel (any thread: Netty keeps the count in a volatile). */
    static long unsentBytes(Channel channel) {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            admitted = false;
            if (check != null) check.cancel(false);
            admission.budget().release(chargedBytes);
            chargedBytes = 0;
            admission.closed(ctx.channel());
        }
        ctx.fireChannelInactive();
    }
}
