package io.chorus.node;

import io.chorus.client.ChorusClient;
import io.chorus.client.Context;
import io.chorus.client.WriteAck;
import io.chorus.node.support.FreePorts;
import io.chorus.node.support.JavaProcess;
import io.chorus.node.support.Frames;
import io.chorus.node.support.NodeProcess;
import io.chorus.node.support.RawClient;
import io.chorus.node.support.RecordingStateMachine;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.CausalContext;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.state.Key;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, stopping and restarting one real node (in this JVM and as a process killed by signals). */
class NodeLifecycleTest {
    @TempDir
    Path dir;

    private NodeConfig config(int port) {
        return NodeConfig.load(null, Map.of("node.listen", "127.0.0.1:" + port, "node.dataDir", dir.resolve("n1").toString(),
                "storage.entriesMax", "1000"));
    }

    @Test
    void closeIsIdempotentAndConcurrentCallersAllReturnAfterIt() throws Exception {
        ChorusNode node = ChorusNode.start(config(FreePorts.pick(1).get(0)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> closes = List.of(pool.submit(node::close), pool.submit(node::close), pool.submit(node::close));
            for (Future<?> close : closes) close.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        node.close();
        node.awaitClosed();
        assertTrue(Files.exists(dir.resolve("n1").resolve("clean-shutdown")));
    }

    @Test
    void closeAnswersEveryRequestItTookBeforeClosingTheConnection() throws Exception {
        NodeConfig config = config(FreePorts.pick(1).get(0));
        ChorusNode node = ChorusNode.start(config, (c, epoch, storage, codec, outbox, observer, durable, backlogged) -> new RecordingStateMachine() {
            @Override
            public void onClientRequest(ClientRef client, long requestId, ClientRequest request) {
                try {
                    Thread.sleep(2); // a slow replica, so that close() finds a backlog in the ring
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                outbox.reply(client, requestId, new WriteResult(new byte[0], false));
            }
        });
        int sent = 200;
        try (RawClient raw = RawClient.connect(node.address(), Duration.ofSeconds(10))) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (long id = 1; id <= sent; id++) burst.write(Frames.frameBytes(new ClientFrame(id, new Get(Key.of("k"), Consistency.ONE.code()))));
            raw.sendRaw(burst.toByteArray());
            raw.readReply(); // the node is busy with the burst
            Thread closer = new Thread(node::close, "closer");
            closer.start();
            int answered = 1;
            int refused = 0;
            while (answered < sent) {
                ClientReply reply = raw.readReply();
                if (reply.response() instanceof Failure failure) {
                    assertEquals(ErrorKind.UNAVAILABLE, failure.kind(), failure.message());
                    refused++;
                } else {
                    assertInstanceOf(WriteResult.class, reply.response());
                }
                answered++;
            }
            assertTrue(raw.closedByPeer(), "then the connection closes");
            closer.join(20_000);
            assertFalse(closer.isAlive());
            assertTrue(sent - refused > 1, "requests already in the ring were handled, not dropped");
        }
    }

    @Test
    void aSingleNodeServesAndKeepsItsDataAcrossAnInProcessRestart() {
        NodeConfig config = config(FreePorts.pick(1).get(0));
        try (ChorusNode node = ChorusNode.start(config);
             ChorusClient client = ChorusClient.connect(List.of(node.address()))) {
            assertEquals(config.listen().port(), node.address().getPort());
            client.put("k", "v".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
        }
        try (ChorusNode node = ChorusNode.start(config);
             ChorusClient client = ChorusClient.connect(List.of(node.address()))) {
            assertEquals(1, node.storedKeys());
            assertEquals("v", new String(client.get("k", Consistency.ONE).values().get(0), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aTakenPortFailsTheStartClearlyAndReleasesTheDataDirectory() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NodeConfig config = config(taken.getLocalPort());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChorusNode.start(config));
            assertTrue(e.getMessage().startsWith("n1 cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(Files.exists(config.dataDir().resolve("clean-shutdown")), "the storage was closed cleanly");
        }
    }

    @Test
    void aSecondNodeOnTheSameDataDirectoryFailsClearly() {
        List<Integer> ports = FreePorts.pick(2);
        try (ChorusNode first = ChorusNode.start(config(ports.get(0)))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChorusNode.start(config(ports.get(1))));
            assertTrue(e.getMessage().contains("is in use by another running node"), e.getMessage());
            assertTrue(first.address().getPort() > 0);
        }
    }

    @Test
    void sigtermClosesCleanlyAndSigkillIsRecoveredWithTheDataKept() throws Exception {
        int port = FreePorts.pick(1).get(0);
        NodeConfig config = config(port);
        Path file = dir.resolve("node.properties");
        Files.writeString(file, String.join("\n", config.toText().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()));

        Process process = startNodeProcess(file);
        try (ChorusClient client = ChorusClient.builder().seeds(List.of(config.listen().socketAddress())).requestTimeout(Duration.ofSeconds(5)).build()) {
            client.put("before-sigterm", "1".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
        }
        process.destroy(); // SIGTERM: the shutdown hook closes the node
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(config.dataDir().resolve("clean-shutdown")), "SIGTERM leaves a clean shutdown");

        process = startNodeProcess(file);
        try (ChorusClient client = ChorusClient.builder().seeds(List.of(config.listen().socketAddress())).requestTimeout(Duration.ofSeconds(5)).build()) {
            client.put("before-sigkill", "2".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
        }
        process.destroyForcibly(); // SIGKILL: no hook, no marker
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(config.dataDir().resolve("clean-shutdown")));

        long firstEpoch = Long.parseLong(Files.readString(config.dataDir().resolve("actor-epoch")).strip()); // the first start's millisecond
        long start = System.nanoTime();
        try (ChorusNode node = ChorusNode.start(config);
             ChorusClient client = ChorusClient.connect(List.of(node.address()))) {
            assertEquals("1", new String(client.get("before-sigterm", Consistency.ONE).values().get(0), StandardCharsets.UTF_8));
            assertEquals("2", new String(client.get("before-sigkill", Consistency.ONE).values().get(0), StandardCharsets.UTF_8));
            assertEquals(List.of(config.name().actor(firstEpoch)), actors(client.get("before-sigkill", Consistency.ONE).context()), "SIGTERM kept the first epoch");
            WriteAck after = client.put("after-recovery", "3".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
            assertEquals(List.of(config.name().actor(firstEpoch + 1)), actors(after.context()), "after SIGKILL the node mints under the next actor");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 20_000, "recovery must not wait on the dead process's locks; took " + millis + " ms");
    }

    private static List<String> actors(Context context) {
        return CausalContext.decode(context.bytes()).actors();
    }

    private static Process startNodeProcess(Path configFile) throws IOException {
        Process process = JavaProcess.start(NodeProcess.class, configFile.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) seen.append(line).append('\n');
        if (line == null) {
            process.destroyForcibly();
            throw new AssertionError("the node process did not start:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                out.lines().forEach(l -> { }); // keep the child's pipe from filling up
            } catch (java.io.UncheckedIOException closed) {
                // the process is gone
            }
        }, "drain-node-output");
        drain.setDaemon(true);
        drain.start();
        return process;
    }
}
