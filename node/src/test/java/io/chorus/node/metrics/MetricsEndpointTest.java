package io.chorus.node.metrics;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;
import io.chorus.node.support.FreePorts;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real node with metrics.port set: /metrics, /health and /ready over HTTP. */
class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void servesMetricsHealthAndReadiness() throws Exception {
        List<Integer> ports = FreePorts.pick(2);
        NodeConfig config = NodeConfig.load(null, Map.of("node.listen", "127.0.0.1:" + ports.get(0), "metrics.port", Integer.toString(ports.get(1)),
                "node.dataDir", dir.resolve("n1").toString(), "storage.entriesMax", "1000"));
        String base = "http://127.0.0.1:" + ports.get(1);
        try (ChorusNode node = ChorusNode.start(config);
             ChorusClient client = ChorusClient.connect(List.of(node.address()))) {
            assertEquals(ports.get(1), node.metricsAddress().orElseThrow().getPort());
            client.put("k", "v".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
            client.put("k", "w".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
            client.get("k", Consistency.ONE);
            assertThrows(ChorusException.class, () -> client.put("", new byte[1], Consistency.ALL));

            HttpResponse<String> metrics = get(base + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = metrics.body();
            assertEquals(3.0, value(text, "chorus_request_latency_seconds_count", "consistency=\"ALL\"", "op=\"put\""), "two puts and the refused one");
            assertEquals(1.0, value(text, "chorus_request_latency_seconds_count", "consistency=\"ONE\"", "op=\"get\""));
            assertEquals(1.0, value(text, "chorus_request_errors_total", "consistency=\"ALL\"", "kind=\"InvalidRequest\"", "op=\"put\""));
            assertTrue(text.contains("chorus_request_latency_seconds_bucket{consistency=\"ALL\",node=\"n1\",op=\"put\",le=\"0.01\"}"),
                    "the latency objective (10 ms) is a bucket bound, for docker/slo");
            assertEquals(1.0, value(text, "chorus_storage_entries", "node=\"n1\""));
            assertEquals(65536.0, value(text, "chorus_pipeline_ring_capacity", "node=\"n1\""));
            assertTrue(value(text, "chorus_pipeline_ring_occupancy", "node=\"n1\"") >= 0);
            assertTrue(value(text, "chorus_storage_file_bytes", "node=\"n1\"") > 0);
            assertEquals(1.0, value(text, "chorus_connections_clients", "node=\"n1\""));
            assertEquals(0.0, value(text, "chorus_requests_refused_total", "reason=\"queue_full\""));
            assertTrue(text.contains("chorus_request_latency_seconds_bucket{"), "latency is a histogram");
            assertEquals(2.0, value(text, "chorus_replica_latency_seconds_count", "op=\"write\""), "each put stored the key's new state");
            assertTrue(value(text, "chorus_replica_latency_seconds_count", "op=\"read\"") >= 3, "each put looked the key up first, and the get");
            assertEquals(3.0, value(text, "chorus_stored_siblings_sum", "node=\"n1\""), "the blind second put made a second sibling");
            assertEquals(3.0, value(text, "chorus_stored_value_bytes_sum", "node=\"n1\""), "one byte stored, then both");
            assertEquals(0.0, value(text, "chorus_read_repairs_total", "node=\"n1\""), "one node has nobody to repair");
            assertEquals(0.0, value(text, "chorus_anti_entropy_keys_sent_total", "node=\"n1\""));
            assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM meters too");

            HttpResponse<String> health = get(base + "/health");
            assertEquals(200, health.statusCode());
            assertEquals("live\n", health.body());
            HttpResponse<String> ready = get(base + "/ready");
            assertEquals(200, ready.statusCode());
            assertTrue(ready.body().startsWith("ready: storage open (1 keys), ring of 64 partitions over 1 members"), ready.body());

            assertEquals(404, get(base + "/metrics/nope").statusCode());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
        assertThrows(ConnectException.class, () -> get(base + "/health"), "the endpoint goes away with the node");
    }

    @Test
    void slowClientsDoNotHoldUpHealth() throws Exception {
        List<Integer> ports = FreePorts.pick(2);
        NodeConfig config = NodeConfig.load(null, Map.of("node.listen", "127.0.0.1:" + ports.get(0), "metrics.port", Integer.toString(ports.get(1)),
                "node.dataDir", dir.resolve("n1").toString(), "storage.entriesMax", "1000"));
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try (ChorusNode node = ChorusNode.start(config)) {
            for (int i = 0; i < 20; i++) { // each sends half a request line and then nothing (slow loris)
                java.net.Socket socket = new java.net.Socket("127.0.0.1", ports.get(1));
                socket.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> health = get("http://127.0.0.1:" + ports.get(1) + "/health"); // 5 s timeout
                assertEquals(200, health.statusCode());
                assertEquals("live\n", health.body());
            }
        } finally {
            for (java.net.Socket socket : slow) socket.close();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the series {@code name} whose labels contain every one of {@code labels}. */
    static double value(String text, String name, String... labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (line.find()) {
            String found = line.group(1);
            boolean all = true;
            for (String label : labels) all &= found.contains(label);
            if (all) return Double.parseDouble(line.group(2));
        }
        throw new AssertionError("no series " + name + " with " + List.of(labels));
    }
}
