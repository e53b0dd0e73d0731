package io.chorus.node.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The node's HTTP endpoint, on the JDK's own server (no dependency): {@code GET /metrics}
 * (Prometheus text format), {@code GET /health} (200 while the process serves HTTP at all: live)
 * and {@code GET /ready} (200 when the node takes requests, else 503 with the reason). One daemon
 * thread; scrapes never touch the handler thread.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    /** Whether the node is ready: null when it is, else why not. */
    public interface Readiness {
        String notReadyReason();
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static MetricsServer start(String nodeName, String host, int port, NodeMetrics metrics, Readiness readiness, Supplier<String> readyDetail) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(nodeName + " cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chorus-metrics-" + nodeName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics::scrape));
        server.createContext("/health", exchange -> respond(exchange, 200, "text/plain; charset=utf-8", () -> "live\n"));
        server.createContext("/ready", exchange -> {
            String reason = readiness.notReadyReason();
            if (reason == null) respond(exchange, 200, "text/plain; charset=utf-8", () -> "ready: " + readyDetail.get() + "\n");
            else respond(exchange, 503, "text/plain; charset=utf-8", () -> "not ready: " + reason + "\n");
        });
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, Supplier<String> body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                log.warn("failed to render {}", exchange.getRequestURI(), e);
                status = 500;
                bytes = ("error: " + e + "\n").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
