package io.chorus.node.e2e;

import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;
import io.chorus.node.support.Await;
import io.chorus.node.support.FreePorts;
import io.chorus.node.support.RawClient;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that stops reading does not make the node's heap grow: what n1 queues for n2 stops at
 * {@code limits.peerQueueBytesMax} (plus one message), the messages past it are dropped and
 * counted, writes at ONE keep being acknowledged by n1, and a write that needs n2 fails (Timeout)
 * instead of waiting forever. Without the bound the queue grows with every write. n2 sits behind a {@link LossyProxy} that is frozen (it holds every
 * frame and stops reading, as a SIGSTOPped node would), with a small receive buffer so the kernel
 * takes little off n1's hands.
 */
class PeerQueueBoundTest {
    private static final int QUEUE_BYTES_MAX = 2 << 20;
    private static final int VALUE_BYTES = 512 << 10;
    /** Puts at most (200 MiB for n2); the test stops once n1 drops a message or queues twice the bound. */
    private static final int PUTS_MAX = 400;

    @TempDir
    Path dir;

    @Test
    void whatANodeQueuesForAPeerThatStopsReadingStopsAtTheBound() throws Exception {
        List<Integer> ports = FreePorts.pick(4); // n1, n2, the proxy in front of n2, n1's metrics
        String members = "n1@127.0.0.1:" + ports.get(0) + ",n2@127.0.0.1:" + ports.get(2);
        try (LossyProxy proxy = LossyProxy.start(new InetSocketAddress("127.0.0.1", ports.get(2)), new InetSocketAddress("127.0.0.1", ports.get(1)),
                64 << 10);
             ChorusNode n1 = ChorusNode.start(config("n1", ports.get(0), members, Map.of("metrics.port", Integer.toString(ports.get(3)),
                     "limits.peerQueueBytesMax", Integer.toString(QUEUE_BYTES_MAX))));
             ChorusNode n2 = ChorusNode.start(config("n2", ports.get(1), members, Map.of()))) {
            String metrics = "http://127.0.0.1:" + ports.get(3) + "/metrics";
            // Both links: n2 acknowledges on its own link to n1, which may still be in its reconnect backoff when n1's is up
            // (the write at ALL below then timed out once in CI).
            Await.until(Duration.ofSeconds(30), "n1 and n2 connected to each other",
                    () -> metric(metrics, "chorus_peers_connected") == 1 && n2.connectedPeers() == 1);
            try (RawClient client = RawClient.connect(n1.address(), Duration.ofSeconds(60))) {
                // Until each node's failure detector has heard the other, a write at ALL is refused (Unavailable)
                Await.until(Duration.ofSeconds(30), "both replicas answer a write at ALL before the freeze",
                        () -> {
                            try {
                                return put(client, "before", Consistency.ALL) instanceof WriteResult;
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                proxy.freeze(true);
                long droppedBefore = metric(metrics, "chorus_peer_messages_dropped_total{node=\"n1\",peer=\"n2\"}"); // while not yet connected
                long queued = 0;
                long dropped = 0;
                int puts = 0;
                while (puts < PUTS_MAX && dropped == 0 && queued <= 2L * QUEUE_BYTES_MAX) {
                    assertInstanceOf(WriteResult.class, put(client, "k" + puts++, Consistency.ONE), "a write at ONE needs only n1");
                    queued = metric(metrics, "chorus_peer_queue_bytes{node=\"n1\",peer=\"n2\"}");
                    dropped = metric(metrics, "chorus_peer_messages_dropped_total{node=\"n1\",peer=\"n2\"}") - droppedBefore;
                }
                System.out.printf("peer queue: %d bytes queued for n2 (limit %d), %d messages dropped, after %d puts of %d KiB%n",
                        queued, QUEUE_BYTES_MAX, dropped, puts, VALUE_BYTES >> 10);
                assertTrue(queued <= QUEUE_BYTES_MAX + VALUE_BYTES + (64 << 10), "queued for n2: " + queued + " bytes, limit " + QUEUE_BYTES_MAX
                        + " plus one message");
                assertTrue(dropped > 0, "messages past the bound are dropped and counted");
                ClientResponse needsN2 = put(client, "after", Consistency.ALL);
                assertInstanceOf(Failure.class, needsN2, "a write that needs the stuck peer fails rather than hangs: " + needsN2);
            } finally {
                proxy.freeze(false);
            }
        }
    }

    private NodeConfig config(String name, int port, String members, Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("node.name", name, "node.listen", "127.0.0.1:" + port,
                "node.dataDir", dir.resolve(name).toString(), "cluster.members", members, "replication.factor", "2",
                "storage.entriesMax", "1000", "storage.averageValueBytes", Integer.toString(VALUE_BYTES),
                "failure.suspect.millis", "60000")); // n2 stays up in n1's eyes (it still hears n2 directly): n1 keeps sending to it
        settings.putAll(more);
        return NodeConfig.load(null, settings);
    }

    private static ClientResponse put(RawClient client, String key, Consistency level) throws IOException {
        return client.call(new Put(Key.of(key), new byte[VALUE_BYTES], null, level.code(), false));
    }

    /** A metric's value (the first line that starts with {@code name}; 0 when there is none). */
    private static long metric(String url, String name) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name)) return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
