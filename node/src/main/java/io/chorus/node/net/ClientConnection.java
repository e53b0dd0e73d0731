package io.chorus.node.net;

import io.chorus.node.pipeline.Destination;
import io.chorus.node.pipeline.Inbound;
import io.chorus.node.pipeline.ReplyBytes;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Message;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection: admits its requests into the pipeline (within the per-connection in-flight
 * limit) and writes the replies the handler produces. {@code inFlight} is touched only on the
 * channel's event loop: incremented when a request is admitted, decremented when its reply is
 * written, so it needs no synchronisation. The same goes for the request's bytes (its frame's size),
 * held from the node's {@link RequestBytesBudget} and this connection's share of it until the reply
 * is written: past either limit a request gets Overloaded at once.
 * <p>
 * Replies are charged from the moment the handler builds them ({@link #queued}, an estimate) until
 * they are written to the channel, where Netty's count of unsent bytes takes over. A request that
 * finds the two together past {@code limits.unsentReplyBytesMax} is answered Overloaded instead of
 * being run ({@link #refusal()}), and the {@link ConnectionGate} stops reading meanwhile: however
 * many requests a client pipelined, one that does not read holds at most about that many reply
 * bytes (plus one reply), not one reply per request in flight.
 */
final class ClientConnection implements Destination {
    /** The connection's client on its channel, so that the encoder's log lines can name it. */
    static final AttributeKey<ClientRef> CLIENT = AttributeKey.valueOf("chorus.client");

    private final ClientRef ref;
    private final Channel channel;
    private final Inbound inbound;
    private final NetworkSettings settings;
    private final NetworkCounters counters;
    private final Admission admission;
    private final ConnectionGate gate; // null on test channels built without one
    private final HashMap<Long, Long> heldBytes = new HashMap<>(); // request id -> bytes held from the budget
    private final AtomicLong owedReplyBytes = new AtomicLong(); // built by the handler, not yet written to the channel
    private long connectionBytes;
    private int inFlight;
    private boolean refusalsUnflushed;

    ClientConnection(ClientRef ref, Channel channel, Inbound inbound, NetworkSettings settings, NetworkCounters counters,
                     Admission admission) {
        this.ref = ref;
        this.channel = channel;
        this.inbound = inbound;
        this.settings = settings;
        this.counters = counters;
        this.admission = admission;
        this.gate = channel.pipeline().get(ConnectionGate.class);
        if (gate != null) gate.watchOwedReplies(owedReplyBytes::get);
        channel.attr(CLIENT).set(ref);
    }

    ClientRef ref() {
        return ref;
    }

    /** A decoded frame from this client (on the event loop). */
    void onFrame(ClientFrame frame) {
        assert channel.eventLoop().inEventLoop();
        if (frame.request() == null) {
            refuse(frame.requestId(), ErrorKind.INVALID_REQUEST, "the frame carries no request");
            return;
        }
        if (inFlight >= settings.inFlightPerConnectionMax()) {
            counters.refusedInFlightLimit.increment();
            refuse(frame.requestId(), ErrorKind.OVERLOADED, "(in flight " + inFlight + ", limit limits.inFlightPerConnectionMax="
                    + settings.inFlightPerConnectionMax() + "): too many requests waiting on this connection; retry with backoff");
            return;
        }
        long bytes = gate == null ? 0 : gate.lastFrameBytes();
        if (!holdBytes(frame.requestId(), bytes)) return;
        inFlight++;
        if (!inbound.tryClientRequest(ref, frame.requestId(), frame.request())) {
            inFlight--;
            releaseBytes(frame.requestId());
            if (inbound.isAccepting()) {
                counters.refusedQueueFull.increment();
                refuse(frame.requestId(), ErrorKind.OVERLOADED, "(queue full, pipeline.ringSize=" + settings.ringSize()
                        + "): " + settings.self() + " has too many requests waiting; retry with backoff");
            } else {
                counters.refusedShuttingDown.increment();
                refuse(frame.requestId(), ErrorKind.UNAVAILABLE, settings.self() + " is shutting down; retry on another node");
            }
        }
    }

    /** Takes the request's bytes from the budgets, or refuses it (Overloaded) and returns false. */
    private boolean holdBytes(long requestId, long bytes) {
        AdmissionLimits limits = admission.limits();
        String refused = null;
        if (connectionBytes + bytes > limits.connectionRequestBytesMax()) {
            refused = "(request bytes on this connection " + connectionBytes + ", limit limits.connectionRequestBytesMax="
                    + limits.connectionRequestBytesMax() + "): too many request bytes waiting on this connection; retry with backoff";
        } else if (!admission.budget().tryAcquire(bytes)) {
            refused = "(request bytes in the node " + admission.budget().usedBytes() + ", limit limits.requestBytesMax="
                    + limits.requestBytesMax() + "): " + settings.self() + " holds too many request bytes; retry with backoff";
        }
        if (refused != null) {
            counters.refusedRequestBytes.increment();
            refuse(requestId, ErrorKind.OVERLOADED, refused);
            return false;
        }
        heldBytes.merge(requestId, bytes, Long::sum);
        connectionBytes += bytes;
        return true;
    }

    private void releaseBytes(long requestId) {
        Long bytes = heldBytes.remove(requestId);
        if (bytes == null) return;
        admission.budget().release(bytes);
        connectionBytes -= bytes;
        assert connectionBytes >= 0 : "released more request bytes than held on client connection " + ref.id();
    }

    /** The connection closed (on its event loop): replies still to come will find no one, so their bytes go back now. */
    void closed() {
        assert channel.eventLoop().inEventLoop();
        heldBytes.values().forEach(admission.budget()::release);
        heldBytes.clear();
        connectionBytes = 0;
    }

    /**
     * Answers at once from the event loop: nothing was published, so nothing else will answer. Not
     * flushed here: the connection handler flushes once the read is done ({@link #flushRefusals}), so
     * a client that pipelines thousands of refused requests costs one write to the socket per read, not one per refusal.
     */
    private void refuse(long requestId, ErrorKind kind, String message) {
        channel.write(new ClientReply(requestId, new Failure(kind, message)), channel.voidPromise());
        refusalsUnflushed = true;
    }

    /** The end of a read from this client (event loop): the refusals it earned go out. */
    void flushRefusals() {
        if (!refusalsUnflushed) return;
        refusalsUnflushed = false;
        channel.flush();
        if (gate != null) gate.repliesWritten(channel);
    }

    /** Replies from the handler thread: handed to the event loop, written and flushed there. */
    @Override
    public void deliver(List<Message> replies) {
        try {
            channel.eventLoop().execute(() -> write(replies));
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down with the node: the connection is going away anyway
        }
    }

    /** Handler thread: a reply for this client is in the outbox; charged until {@link #write} hands it to the channel. */
    @Override
    public void queued(Message reply) {
        owedReplyBytes.addAndGet(ReplyBytes.of(reply));
    }

    /** Handler thread: Overloaded instead of running a request while this client's replies wait unread past the limit. */
    @Override
    public String refusal() {
        long waiting = owedReplyBytes.get() + ConnectionGate.unsentBytes(channel);
        int limit = admission.limits().unsentReplyBytesMax();
        if (waiting <= limit) return null;
        return "(reply bytes waiting for this client to read them " + waiting + ", limit limits.unsentReplyBytesMax=" + limit
                + "): read the replies, then retry";
    }

    private void write(List<Message> replies) {
        for (Message reply : replies) owedReplyBytes.addAndGet(-ReplyBytes.of(reply)); // the channel's own count takes over
        inFlight -= replies.size();
        assert inFlight >= 0 : "more replies than requests on client connection " + ref.id();
        for (Message reply : replies) {
            if (reply instanceof ClientReply r) releaseBytes(r.requestId());
        }
        if (!channel.isActive()) return;
        for (Message reply : replies) {
            channel.write(reply, channel.voidPromise());
            if (!channel.isWritable()) channel.flush(); // past the high water mark: hand what is queued to the kernel first
            if (gate != null && !gate.repliesWritten(channel)) return; // a client that does not read: closed, the rest dropped
        }
        channel.flush();
    }

    int inFlight() {
        return inFlight;
    }

    @Override
    public String toString() {
        return "client " + ref.id() + " at " + channel.remoteAddress();
    }
}
