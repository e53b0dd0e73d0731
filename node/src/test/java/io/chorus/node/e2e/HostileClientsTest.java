package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.replication.state.Consistency;
import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;
import io.chorus.node.support.Frames;
import io.chorus.node.support.FreePorts;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.Get;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.io.DataInputStream;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node under hostile clients keeps serving a well-behaved one: many idle connections (identified
 * clients that went quiet, and sockets that never said anything), slow-loris senders (half a frame,
 * then nothing), and a client that pipelines reads of a large value and never reads the replies.
 * Asserts only what must hold (every good request answered, the non-reader cut off, the byte budget
 * drained); latencies and heap are printed. Scale with -Dhostile.idle=2000 -Dhostile.loris=200
 * -Dhostile.ops=5000 (the CI run uses smaller numbers).
 */
class HostileClientsTest {
    private static final int IDLE = Integer.getInteger("hostile.idle", 300);
    private static final int LORIS = Integer.getInteger("hostile.loris", 50);
    private static final int OPS = Integer.getInteger("hostile.ops", 500);
    private static final int BIG_VALUE_BYTES = 512 << 10;
    /**
     * Replies to requests already admitted are built before the node can tell the client is not
     * reading: up to this many replies of BIG_VALUE_BYTES per connection (the default, 1,024, would
     * let one connection pin 512 MiB of replies; see node/CONFIG.md).
     */
    private static final int IN_FLIGHT_MAX = 64;

    @TempDir
    Path dir;

    @Test
    void aWellBehavedClientIsServedWhileOthersMisbehave() throws Exception {
        List<Integer> ports = FreePorts.pick(2);
        NodeConfig config = NodeConfig.load(null, Map.of("node.listen", "127.0.0.1:" + ports.get(0), "metrics.port", Integer.toString(ports.get(1)),
                "node.dataDir", dir.resolve("n1").toString(), "storage.entriesMax", "1000", "limits.pendingConnectionsMax", "4096",
                "limits.inFlightPerConnectionMax", Integer.toString(IN_FLIGHT_MAX)));
        List<SocketChannel> hostile = new ArrayList<>();
        try (ChorusNode node = ChorusNode.start(config);
             ChorusClient good = ChorusClient.connect(List.of(node.address()))) {
            good.put("big", new byte[BIG_VALUE_BYTES], Consistency.ONE);
            long[] usual = run(good, OPS);
            long heapBefore = usedHeapAfterGc();

            for (int i = 0; i < IDLE; i++) hostile.add(idle(node.address(), i % 2 == 0));
            for (int i = 0; i < LORIS; i++) hostile.add(loris(node.address()));
            AtomicReference<Throwable> nonReaderCutOff = new AtomicReference<>();
            Thread nonReader = new Thread(() -> nonReader(node.address(), nonReaderCutOff), "non-reader");
            nonReader.start();
            long[] underAttack = run(good, OPS);
            nonReader.join(60_000);
            long heapDuring = usedHeapAfterGc();

            String metrics = http("http://127.0.0.1:" + ports.get(1) + "/metrics");
            System.out.printf("hostile clients: %d idle, %d slow-loris, 1 non-reader; good client %d ops%n", IDLE, LORIS, OPS);
            System.out.printf("  good client p50/p99/max usual:        %.2f / %.2f / %.2f ms%n", pct(usual, 50), pct(usual, 99), pct(usual, 100));
            System.out.printf("  good client p50/p99/max under attack: %.2f / %.2f / %.2f ms%n", pct(underAttack, 50), pct(underAttack, 99), pct(underAttack, 100));
            System.out.printf("  heap used after GC: %d MiB before, %d MiB under attack (node and test in one JVM)%n", heapBefore >> 20, heapDuring >> 20);
            System.out.printf("  node counters: %s%n", metricLines(metrics, "chorus_requests_refused_total", "chorus_admission_request_bytes", "chorus_connections_open"));

            assertEquals(OPS, underAttack.length, "every request of the good client was answered");
            assertNotNull(nonReaderCutOff.get(), "the node cut off the client that never reads its replies");
            assertTrue(metrics.contains("reason=\"slow_reader\"") && !metricLines(metrics, "slow_reader").contains(" 0.0"),
                    "counted as slow_reader: " + metricLines(metrics, "slow_reader"));
        } finally {
            for (SocketChannel channel : hostile) channel.close();
        }
    }

    /** Timed puts and gets of small values; every one must succeed (an exception fails the test). */
    private static long[] run(ChorusClient client, int ops) {
        long[] nanos = new long[ops];
        byte[] value = "v".repeat(100).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < ops; i++) {
            long start = System.nanoTime();
            if (i % 2 == 0) client.put("k" + (i % 64), value, Consistency.ONE);
            else client.get("k" + (i % 64), Consistency.ONE);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** A connection that greeted and sent one request (an identified client gone quiet), or nothing at all. */
    private static SocketChannel idle(InetSocketAddress node, boolean identified) throws IOException {
        SocketChannel channel = SocketChannel.open(node);
        if (identified) {
            greet(channel.socket());
            channel.write(ByteBuffer.wrap(Frames.frameBytes(new ClientFrame(1, new Get(Key.of("k0"), (byte) 1)))));
        }
        return channel;
    }

    /** Greets, then sends the length of a 1 MiB frame and 100 bytes of it, then nothing. */
    private static SocketChannel loris(InetSocketAddress node) throws IOException {
        SocketChannel channel = SocketChannel.open(node);
        greet(channel.socket());
        channel.write(ByteBuffer.allocate(104).putInt(1 << 20).put(new byte[100]).flip());
        return channel;
    }

    /** The client's greeting, and the node's welcome read: requests may follow (none may before the welcome). */
    private static void greet(Socket socket) throws IOException {
        byte[] hello = GreetingCodec.encode(new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, "", "", new byte[0]));
        socket.getOutputStream().write(ByteBuffer.allocate(4 + hello.length).putInt(hello.length).put(hello).array());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] answer = new byte[in.readInt()];
        in.readFully(answer);
        Greeting greeting = GreetingCodec.decode(answer);
        if (!(greeting instanceof Greeting.Welcome)) throw new AssertionError("the node did not welcome a plain client: " + greeting);
    }

    /** Pipelines reads of the big value and never reads a reply; ends when the node closes the connection (or after 200,000). */
    private static void nonReader(InetSocketAddress node, AtomicReference<Throwable> cutOff) {
        try (Socket socket = new Socket()) {
            socket.connect(node, 2000);
            greet(socket);
            OutputStream out = socket.getOutputStream();
            for (int id = 1; id <= 200_000; id++) { // until the node closes the connection; it stops reading long before
                out.write(Frames.frameBytes(new ClientFrame(id, new Get(Key.of("big"), (byte) 1))));
            }
        } catch (IOException e) {
            cutOff.set(e);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static String http(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String metricLines(String metrics, String... names) {
        List<String> lines = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#")) continue;
            for (String name : names) if (line.contains(name)) lines.add(line.replaceAll("node=\"n1\",?", ""));
        }
        return String.join("; ", lines);
    }
}
