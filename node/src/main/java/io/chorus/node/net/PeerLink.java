package io.chorus.node.net;

import io.chorus.node.HostPort;
import io.chorus.node.pipeline.Destination;
import io.chorus.node.pipeline.Inbound;
import io.chorus.replication.message.Message;
import io.chorus.replication.ring.NodeId;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outgoing connection to one peer: every message this node sends that peer goes through it
 * (the peer's replies come back on the peer's own link to us). It greets first ({@link DialerGreeting}), and
 * when it cannot connect or the connection drops it reports the peer unreachable at once (so
 * coordinators fail fast with Unavailable instead of waiting out a timeout) and reconnects with
 * backoff from {@link #BACKOFF_MIN_MILLIS} doubling to {@link #BACKOFF_MAX_MILLIS}. Messages for a
 * peer with no open connection, or past {@code limits.peerQueueBytesMax} queued for it (a slow or
 * stuck peer), are dropped and counted: the outbox is fire and forget and the protocol tolerates loss. All state is confined to one event loop.
 */
final class PeerLink implements Destination {
    static final long BACKOFF_MIN_MILLIS = 50;
    static final long BACKOFF_MAX_MILLIS = 1000;
    static final int UNREACHABLE_PUBLISH_TRIES = 50;
    /**
     * A peer that accepts the connection but does not finish the greeting within this long is given up
     * on (closed, then retried with backoff): without it a listener that never answers, or a relay to a
     * node not yet up, would hold the link forever. The acceptor's own bound is net.readTimeoutMillis (10 s by default).
     */
    static final long GREETING_TIMEOUT_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);

    private final NodeId self;
    private final NodeId peer;
    private final HostPort address;
    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final Inbound inbound;
    private Channel channel;
    private long backoffMillis = BACKOFF_MIN_MILLIS;
    private boolean outageLogged;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile long dropped; // written on the link's event loop only, read by metrics

    PeerLink(NodeId self, NodeId peer, HostPort address, Bootstrap bootstrap, EventLoop loop, Inbound inbound) {
        this.self = self;
        this.peer = peer;
        this.address = address;
        this.bootstrap = bootstrap.clone(loop).attr(DialerGreeting.PEER, peer);
        this.loop = loop;
        this.inbound = inbound;
    }

    void start() {
        loop.execute(this::connect);
    }

    private void connect() {
        if (closed) return;
        bootstrap.connect(address.host(), address.port()).addListener((ChannelFutureListener) this::onConnectDone);
    }

    private void onConnectDone(ChannelFuture future) {
        Channel ch = future.channel();
        if (closed) {
            ch.close();
            return;
        }
        boolean loopedBack = future.isSuccess() && ch.localAddress() != null && ch.localAddress().equals(ch.remoteAddress());
        if (loopedBack) ch.close(); // TCP simultaneous open: a dead peer's loopback port drawn as our source port
        if (!future.isSuccess() || loopedBack) {
            if (!outageLogged) {
                log.info("{}: cannot reach peer {} at {} ({}); retrying every {} ms at most", self, peer, address,
                        loopedBack ? "the connection looped back to itself" : future.cause() == null ? "cancelled" : future.cause().getMessage(), BACKOFF_MAX_MILLIS);
                outageLogged = true;
            }
            reportUnreachable(UNREACHABLE_PUBLISH_TRIES);
            scheduleReconnect();
            return;
        }
        io.netty.util.concurrent.Future<Void> greeted = DialerGreeting.greeted(ch);
        ScheduledFuture<?> giveUp = loop.schedule(() -> {
            if (!greeted.isDone()) ch.close(); // fails the greeting: onGreetingDone retries
        }, GREETING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        greeted.addListener(greeting -> {
            giveUp.cancel(false);
            onGreetingDone(ch, greeting.cause());
        });
    }

    /** The peer proved itself and welcomed this node (cause null), or the greeting failed and the channel is closing. */
    private void onGreetingDone(Channel ch, Throwable cause) {
        if (closed) {
            ch.close();
            return;
        }
        if (cause != null) {
            if (!outageLogged) {
                log.warn("{}: peer {} at {} connected but the greeting failed: {}; retrying every {} ms at most", self, peer, address,
                        cause.getMessage(), BACKOFF_MAX_MILLIS);
                outageLogged = true;
            }
            reportUnreachable(UNREACHABLE_PUBLISH_TRIES);
            scheduleReconnect();
            return;
        }
        channel = ch;
        connected = true;
        backoffMillis = BACKOFF_MIN_MILLIS;
        outageLogged = false;
        log.info("{}: connected to peer {} at {}", self, peer, address);
        ch.closeFuture().addListener(closedFuture -> onDisconnected(ch));
    }

    private void onDisconnected(Channel ch) {
        if (channel != ch) return;
        channel = null;
        if (!closed) {
            log.info("{}: lost the connection to peer {} at {}", self, peer, address);
            reportUnreachable(UNREACHABLE_PUBLISH_TRIES); // before isConnected() turns false, so watchers of it see both
            scheduleReconnect();
        }
        connected = false;
    }

    /** Tells the replica; a full ring gets a few retries (the failure detector would notice anyway, later). */
    private void reportUnreachable(int triesLeft) {
        if (closed || !inbound.isAccepting() || inbound.tryPeerUnreachable(peer) || triesLeft <= 1) return;
        loop.schedule(() -> reportUnreachable(triesLeft - 1), 10, TimeUnit.MILLISECONDS);
    }

    private void scheduleReconnect() {
        long delay = backoffMillis;
        backoffMillis = Math.min(BACKOFF_MAX_MILLIS, backoffMillis * 2);
        try {
            loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the node is shutting down
        }
    }

    @Override
    public void deliver(List<Message> messages) {
        try {
            loop.execute(() -> write(messages));
        } catch (RejectedExecutionException e) {
            // the node is shutting down; fire and forget
        }
    }

    /** Writes while the queue to the peer is under limits.peerQueueBytesMax (Netty's writability); the rest is dropped, counted. */
    private void write(List<Message> messages) {
        Channel ch = channel;
        int written = 0;
        if (ch != null && ch.isActive()) {
            while (written < messages.size() && ch.isWritable()) ch.write(messages.get(written++), ch.voidPromise());
            ch.flush();
        }
        if (written < messages.size()) dropped = dropped + (messages.size() - written);
    }

    /** Messages to this peer dropped so far: no connection, or its queue at limits.peerQueueBytesMax (any thread). */
    long dropped() {
        return dropped;
    }

    /** Bytes queued for this peer and not yet taken by the kernel (any thread). */
    long queuedBytes() {
        Channel ch = channel;
        return ch == null ? 0 : ConnectionGate.unsentBytes(ch);
    }

    boolean isConnected() {
        return connected;
    }

    NodeId peer() {
        return peer;
    }

    /** Stops reconnecting and closes the connection. */
    void close() {
        closed = true;
        try {
            loop.execute(() -> {
                if (channel != null) channel.close();
            });
        } catch (RejectedExecutionException e) {
            // the event loop is already gone, and with it the connection
        }
    }

    @Override
    public String toString() {
        return "link " + self + "->" + peer + " (" + address + (connected ? ", connected" : ", down") + ", dropped " + dropped + ")";
    }
}
