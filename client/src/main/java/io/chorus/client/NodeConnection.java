package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client's one multiplexed connection to one node, opened on first use and reopened on the
 * first use after it closed. After a failed connection attempt the node is skipped for
 * {@code reconnectBackoffNanos} (failing at once with the remembered reason) unless the caller has
 * no other node to try, so that a dead node does not cost every request a connect timeout.
 * It also keeps the node's health as the client sees it: its {@link CircuitBreaker} and its recent
 * answer times ({@link LatencyWindow}), which routing and hedging read.
 * Thread-safe: callers on any thread; the channel's work happens on its event loop.
 */
final class NodeConnection {
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final long reconnectBackoffNanos;
    private final CircuitBreaker breaker;
    private final LatencyWindow latency = new LatencyWindow();
    private final LongAdder answers = new LongAdder();
    private volatile String label;
    private volatile String name;

    private ChannelFuture connecting; // guarded by this; the current or last connection attempt
    private String lastFailure; // guarded by this; null after a success
    private long lastFailureNanos; // guarded by this
    private boolean closed; // guarded by this

    NodeConnection(Bootstrap bootstrap, InetSocketAddress address, long reconnectBackoffNanos) {
        this(bootstrap, address, reconnectBackoffNanos, new CircuitBreaker(5, 1_000));
    }

    NodeConnection(Bootstrap bootstrap, InetSocketAddress address, long reconnectBackoffNanos, CircuitBreaker breaker) {
        this.bootstrap = bootstrap;
        this.address = address;
        this.reconnectBackoffNanos = reconnectBackoffNanos;
        this.breaker = breaker;
        this.label = Addresses.text(address);
        this.name = label;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    LatencyWindow latency() {
        return latency;
    }

    /** The node answered (a result or a refusal) after {@code nanos}. */
    void answered(long nanos) {
        answers.increment();
        latency.record(nanos);
    }

    /** The node's name once known ({@code n1}), else its address. */
    String name() {
        return name;
    }

    NodeState state() {
        return new NodeState(name, address, breaker.state(), breaker.failuresInRow(), breaker.failuresTotal(),
                breaker.timesOpened(), answers.sum(), millis(latency.p50Nanos()), millis(latency.p99Nanos()));
    }

    private static double millis(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    InetSocketAddress address() {
        return address;
    }

    /** How messages name this node: {@code n1 (127.0.0.1:7401)} once its name is known. */
    String label() {
        return label;
    }

    void name(String nodeName) {
        this.name = nodeName;
        this.label = nodeName + " (" + Addresses.text(address) + ")";
    }

    /**
     * Sends {@code request}; the future completes with the node's answer, or fails with
     * {@link NotDelivered} when the connection could not be opened or closed before the answer, or
     * with a {@link ChorusException} for a request refused locally.
     *
     * @param skipIfRecentlyDown fail at once when the last connection attempt failed within the backoff
     */
    CompletableFuture<ClientResponse> send(ClientRequest request, boolean skipIfRecentlyDown) {
        return send(request, skipIfRecentlyDown, 0);
    }

    /**
     * As {@link #send(ClientRequest, boolean)}, but waits at most {@code connectTimeoutMillis} (0:
     * the client's own connect timeout) for a connection still opening; the attempt then fails
     * with {@link NotDelivered} while the connection goes on opening for later requests.
     */
    CompletableFuture<ClientResponse> send(ClientRequest request, boolean skipIfRecentlyDown, long connectTimeoutMillis) {
        CompletableFuture<ClientResponse> reply = new CompletableFuture<>();
        ChannelFuture attempt;
        synchronized (this) {
            if (closed) {
                reply.completeExceptionally(new NotDelivered(false, "the client is closed"));
                return reply;
            }
            if (!usable(connecting)) {
                if (skipIfRecentlyDown && lastFailure != null && System.nanoTime() - lastFailureNanos < reconnectBackoffNanos) {
                    reply.completeExceptionally(new NotDelivered(false, lastFailure));
                    return reply;
                }
                connecting = connectAndGreet();
            }
            attempt = connecting;
        }
        if (connectTimeoutMillis > 0 && !attempt.isDone()) {
            var timer = bootstrap.config().group().next().schedule(() -> {
                reply.completeExceptionally(new NotDelivered(false, "connect timed out after " + connectTimeoutMillis + " ms (connectTimeout)"));
            }, connectTimeoutMillis, TimeUnit.MILLISECONDS);
            reply.whenComplete((response, error) -> timer.cancel(false));
        }
        if (attempt.isSuccess() && attempt.channel().eventLoop().inEventLoop()) {
            connectedSend(attempt, request, reply); // the usual case: what the listener would do at once, without it
        } else {
            attempt.addListener(done -> connectedSend(attempt, request, reply)); // runs on the channel's event loop
        }
        return reply;
    }

    /** Once the connection attempt is done, on its event loop: sends, or fails {@code reply} with why it cannot. */
    private void connectedSend(ChannelFuture attempt, ClientRequest request, CompletableFuture<ClientResponse> reply) {
        if (!attempt.isSuccess()) {
            if (attempt.cause() instanceof ChorusException refused) { // the node refused the greeting: same answer on retry
                connectFailed(refused.getMessage());
                reply.completeExceptionally(refused);
                return;
            }
            String reason = attempt.cause() instanceof NotDelivered lost ? lost.getMessage() : NotDelivered.reasonOf(attempt.cause());
            connectFailed(reason);
            reply.completeExceptionally(new NotDelivered(false, reason));
            return;
        }
        if (connectedToItself(attempt.channel())) {
            attempt.channel().close();
            connectFailed(SELF_CONNECT);
            reply.completeExceptionally(new NotDelivered(false, SELF_CONNECT));
            return;
        }
        connected();
        attempt.channel().pipeline().get(ReplyHandler.class).send(request, reply, label);
    }

    /** Connects, then greets: the future succeeds once the node welcomed the connection (see {@link ClientGreeting}). */
    private ChannelFuture connectAndGreet() {
        ChannelFuture connected = bootstrap.connect(address);
        ChannelPromise ready = connected.channel().newPromise(); // notified on the event loop, registered by then
        connected.addListener(done -> {
            if (!done.isSuccess()) {
                ready.tryFailure(done.cause());
                return;
            }
            ClientGreeting.ready(connected.channel()).addListener(greeted -> {
                if (greeted.isSuccess()) ready.trySuccess();
                else ready.tryFailure(greeted.cause());
            });
        });
        return ready;
    }

    /**
     * True when the kernel joined a connection to itself: connecting on loopback to a port nobody
     * listens on can pick that same port as the ephemeral source port, and TCP's simultaneous open
     * then "succeeds" with the client talking to itself (the request comes back as if it were the
     * answer, and the call waits out its timeout). Seen in CI against a node stopped on an
     * ephemeral port. Such a connection is as good as refused.
     */
    static boolean connectedToItself(Channel channel) {
        java.net.SocketAddress local = channel.localAddress();
        return local != null && local.equals(channel.remoteAddress());
    }

    private static final String SELF_CONNECT = "connection refused (the connection looped back to itself)";

    /** In progress, or connected and still open. */
    private static boolean usable(ChannelFuture attempt) {
        return attempt != null && (!attempt.isDone() || (attempt.isSuccess() && attempt.channel().isActive()));
    }

    private synchronized void connectFailed(String reason) {
        lastFailure = reason;
        lastFailureNanos = System.nanoTime();
    }

    private synchronized void connected() {
        lastFailure = null;
    }

    /** Closes the channel (failing its pending requests) and refuses further sends. */
    ChannelFuture close() {
        Channel channel;
        synchronized (this) {
            closed = true;
            if (connecting == null) return null;
            connecting.cancel(false);
            channel = connecting.channel();
        }
        return channel.close();
    }
}
