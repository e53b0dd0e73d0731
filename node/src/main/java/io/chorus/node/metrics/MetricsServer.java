package io.chorus.node.metrics;

import io.chorus.node.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The node's HTTP endpoint: {@code GET /metrics} (Prometheus text format), {@code GET /health} (200
 * while the process serves HTTP at all: live) and {@code GET /ready} (200 when the node takes
 * requests, else 503 with the reason). On its own Netty event loop, non-blocking: a client that
 * sends its request slowly, or never, holds no thread, so it cannot keep a liveness probe from
 * {@code /health} (the JDK's server read each request on its one executor thread, so one slow
 * client blocked every other). Requests are bounded in size, a connection that sends no whole
 * request for {@value #READ_TIMEOUT_SECONDS} s is closed, and at most {@value #CONNECTIONS_MAX}
 * are open. Scrapes never touch the handler thread.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final int READ_TIMEOUT_SECONDS = 10;
    static final int CONNECTIONS_MAX = 256;
    private static final int REQUEST_BYTES_MAX = 8192;
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    /** Whether the node is ready: null when it is, else why not. */
    public interface Readiness {
        String notReadyReason();
    }

    private final MultiThreadIoEventLoopGroup group;
    private final Channel serverChannel;

    private MetricsServer(MultiThreadIoEventLoopGroup group, Channel serverChannel) {
        this.group = group;
        this.serverChannel = serverChannel;
    }

    public static MetricsServer start(String nodeName, String host, int port, NodeMetrics metrics, Readiness readiness, Supplier<String> readyDetail) {
        Transport transport = Transport.nio();
        MultiThreadIoEventLoopGroup group = transport.newGroup("chorus-metrics-" + nodeName, 1);
        Routes routes = new Routes(metrics, readiness, readyDetail);
        AtomicInteger open = new AtomicInteger();
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (open.incrementAndGet() > CONNECTIONS_MAX) {
                                open.decrementAndGet();
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(f -> open.decrementAndGet());
                            ch.pipeline()
                                    .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                                    .addLast(new HttpServerCodec(REQUEST_BYTES_MAX, REQUEST_BYTES_MAX, REQUEST_BYTES_MAX))
                                    .addLast(new HttpObjectAggregator(REQUEST_BYTES_MAX))
                                    .addLast(routes);
                        }
                    })
                    .bind(host, port)
                    .syncUninterruptibly()
                    .channel();
            return new MetricsServer(group, channel);
        } catch (Exception e) { // bind failures arrive as (undeclared) IOExceptions
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new UncheckedIOException(nodeName + " cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(),
                    e instanceof java.io.IOException io ? io : new java.io.IOException(e));
        }
    }

    /** The three paths; one instance shared by every connection (it keeps no state). */
    @ChannelHandler.Sharable
    private static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final NodeMetrics metrics;
        private final Readiness readiness;
        private final Supplier<String> readyDetail;

        Routes(NodeMetrics metrics, Readiness readiness, Supplier<String> readyDetail) {
            this.metrics = metrics;
            this.readiness = readiness;
            this.readyDetail = readyDetail;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            HttpMethod method = request.method();
            boolean head = HttpMethod.HEAD.equals(method);
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "bad request\n", false);
                return;
            }
            if (!HttpMethod.GET.equals(method) && !head) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.METHOD_NOT_ALLOWED);
                response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD").set(HttpHeaderNames.CONTENT_LENGTH, 0);
                send(ctx, response);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            switch (path) {
                case "/metrics" -> respond(ctx, HttpResponseStatus.OK, PROMETHEUS_CONTENT_TYPE, render(metrics::scrape), head);
                case "/health" -> respond(ctx, HttpResponseStatus.OK, "text/plain; charset=utf-8", "live\n", head);
                case "/ready" -> {
                    String reason = readiness.notReadyReason();
                    if (reason == null) respond(ctx, HttpResponseStatus.OK, "text/plain; charset=utf-8", "ready: " + render(readyDetail) + "\n", head);
                    else respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", "not ready: " + reason + "\n", head);
                }
                default -> respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found\n", head);
            }
        }

        private static String render(Supplier<String> body) {
            try {
                return body.get();
            } catch (RuntimeException e) {
                log.warn("failed to render a metrics response", e);
                return "error: " + e + "\n";
            }
        }

        private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String contentType, String body, boolean head) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType).set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            send(ctx, response);
        }

        /** One request per connection: simple, and nothing is kept between a scraper's visits. */
        private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a read timeout, a reset, an oversized request: nothing to answer
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
