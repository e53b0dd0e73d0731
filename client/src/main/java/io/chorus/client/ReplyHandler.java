package io.chorus.client;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last handler of a client connection: multiplexes requests over one channel by request id.
 * It owns the connection's {@link Codec}, used only on the channel's event loop (the codec is not
 * thread-safe). Encodes {@link ClientFrame}s into length-prefixed frames, decodes replies (frames
 * already cut by a {@code LengthFieldBasedFrameDecoder}) and completes the matching pending request.
 * When the channel closes, every pending request fails at once with {@link NotDelivered}
 * ({@code sent = true}): none is left to hang until its deadline.
 */
final class ReplyHandler extends ChannelInboundHandlerAdapter {
    private final Codec codec;
    private final int frameBytesMax;
    private final int inFlightMax;
    /** Written on the event loop; removed from by callers when they give up (timeout, close). */
    private final Map<Long, CompletableFuture<ClientResponse>> pending = new ConcurrentHashMap<>();
    private long nextRequestId = 1;
    private boolean flushScheduled;
    private String closeReason = "connection closed";
    private ChannelHandlerContext context;
    /** Where a reply frame is copied to be decoded, grown to the largest frame seen (at most frameBytesMax); on the event loop. */
    private byte[] scratch = new byte[4096];

    ReplyHandler(int frameBytesMax, int inFlightMax) {
        this.codec = new Codec(frameBytesMax);
        this.frameBytesMax = frameBytesMax;
        this.inFlightMax = inFlightMax;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    /** Sends {@code request}; {@code reply} completes with the answer or fails. Call on the event loop only. */
    void send(ClientRequest request, CompletableFuture<ClientResponse> reply, String nodeLabel) {
        assert context.executor().inEventLoop() : "send off the event loop";
        if (reply.isDone()) return; // the caller gave up (deadline, close) while the connection was opening
        if (!context.channel().isActive()) {
            reply.completeExceptionally(new NotDelivered(false, closeReason));
            return;
        }
        if (pending.size() >= inFlightMax) {
            reply.completeExceptionally(new ChorusException(ErrorKind.OVERLOADED,
                    inFlightMax + " requests already in flight to " + nodeLabel + " (inFlightPerConnectionMax); nothing was sent"));
            return;
        }
        long requestId = nextRequestId++;
        byte[] frame;
        try {
            frame = codec.encode(new ClientFrame(requestId, request));
        } catch (RuntimeException e) {
            reply.completeExceptionally(new ChorusException(ErrorKind.INVALID_REQUEST,
                    "the request does not fit in a frame of " + frameBytesMax + " bytes (frameBytesMax) or cannot be encoded: " + e.getMessage(), e));
            return;
        }
        pending.put(requestId, reply);
        reply.whenComplete((response, error) -> pending.remove(requestId, reply)); // a caller giving up frees the slot
        ByteBuf buffer = context.alloc().buffer(4 + frame.length).writeInt(frame.length).writeBytes(frame);
        context.write(buffer).addListener(written -> {
            if (!written.isSuccess()) {
                // A frame cut short cannot be decoded by the node, so nothing of it was applied.
                reply.completeExceptionally(new NotDelivered(false, "write failed: " + NotDelivered.reasonOf(written.cause())));
            }
        });
        scheduleFlush();
    }

    /** One flush per event loop turn, for all the requests written in it. */
    private void scheduleFlush() {
        if (flushScheduled) return;
        flushScheduled = true;
        context.executor().execute(() -> {
            flushScheduled = false;
            context.flush();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        Message message;
        try {
            int length = frame.readableBytes();
            if (frame.hasArray()) {
                message = codec.decode(frame.array(), frame.arrayOffset() + frame.readerIndex(), length);
            } else { // a direct buffer (epoll): into the scratch array, which the decoded message never refers to (it copies what it keeps)
                if (scratch.length < length) scratch = new byte[Math.max(length, Math.min(2 * scratch.length, frameBytesMax))];
                frame.getBytes(frame.readerIndex(), scratch, 0, length);
                message = codec.decode(scratch, 0, length);
            }
        } catch (RuntimeException e) {
            closeWith(ctx, "the node sent an undecodable reply: " + e.getMessage());
            return;
        } finally {
            frame.release();
        }
        if (!(message instanceof ClientReply reply) || reply.response() == null) {
            closeWith(ctx, "the node sent a " + message.getClass().getSimpleName() + " where a ClientReply with a response was expected");
            return;
        }
        CompletableFuture<ClientResponse> waiting = pending.remove(reply.requestId());
        if (waiting != null) waiting.complete(reply.response()); // absent: the caller already gave up (timeout)
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeWith(ctx, NotDelivered.reasonOf(cause));
    }

    private void closeWith(ChannelHandlerContext ctx, String reason) {
        closeReason = "connection closed: " + reason;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        List<CompletableFuture<ClientResponse>> orphans = new ArrayList<>(pending.values());
        pending.clear();
        for (CompletableFuture<ClientResponse> orphan : orphans) {
            orphan.completeExceptionally(new NotDelivered(true, closeReason));
        }
        ctx.fireChannelInactive();
    }
}
