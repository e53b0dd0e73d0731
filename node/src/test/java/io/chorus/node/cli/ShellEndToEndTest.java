package io.chorus.node.cli;

import io.chorus.client.cli.DataCommands;
import io.chorus.node.support.Await;
import io.chorus.node.support.LocalCluster;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code chorus shell} against three real nodes, its input a pipe written line by line: each line
 * is sent only once the previous one's answer is on the output (no sleeps). The session token is
 * carried from command to command, shown and saved by {@code session}, and a one-shot command
 * continues the session from the saved file.
 */
class ShellEndToEndTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private LocalCluster cluster;
    private PipedOutputStream typing;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private CompletableFuture<Integer> shell;

    @BeforeEach
    void startClusterAndShell() throws IOException {
        cluster = LocalCluster.start(3, dir, Map.of());
        Await.until(ANSWER_WITHIN, "every node linked to every peer", () -> {
            for (int i = 0; i < cluster.size(); i++) if (cluster.node(i).connectedPeers() != cluster.size() - 1) return false;
            return true;
        });
        PipedInputStream stdin = new PipedInputStream(64 * 1024);
        typing = new PipedOutputStream(stdin);
        String seeds = cluster.addresses().stream().map(a -> "127.0.0.1:" + a.getPort()).collect(Collectors.joining(","));
        PrintStream shellOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream shellErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        shell = CompletableFuture.supplyAsync(() -> ShellCommand.run(java.util.List.of("--cluster", seeds), stdin, shellOut, shellErr));
    }

    @AfterEach
    void stop() throws IOException {
        typing.close();
        shell.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        cluster.close();
    }

    @Test
    void theSessionTokenIsCarriedAcrossCommandsShownSavedAndContinuedByAOneShotCommand() throws IOException {
        type("put greeting hello --consistency one");
        awaitOut("ok\ncontext: ");
        type("get greeting --consistency one");
        awaitOut("hello\n");
        type("session");
        String shown = awaitOut(" bytes)\n");
        String exported = shown.lines().filter(line -> line.startsWith("cs2.")).findFirst().orElseThrow().split(" ")[0];
        SessionToken token = SessionToken.parse(exported);
        assertTrue(!token.nodes().isEmpty(), "the put's minter and the get's replicas are in the token: " + token.nodes());

        type("session save " + dir.resolve("token.txt"));
        awaitOut("saved to ");
        ByteArrayOutputStream oneShot = new ByteArrayOutputStream();
        int code = DataCommands.run(new String[]{"get", "greeting", "--consistency", "one", "--session-in", dir.resolve("token.txt").toString(),
                "--cluster", "127.0.0.1:" + cluster.address(0).getPort()}, new PrintStream(oneShot, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(oneShot.toString(StandardCharsets.UTF_8).startsWith("hello\n"), oneShot.toString(StandardCharsets.UTF_8));
    }

    /** A CRDT update's token saved by the shell is carried by a one-shot CRDT read and written back by its --session-out. */
    @Test
    void crdtCommandsCarryTheTokenInTheShellAndOneShot() throws IOException {
        type("counter visits incr 3 --consistency one");
        awaitOut("ok\n");
        type("session save " + dir.resolve("crdt.txt"));
        awaitOut("saved to ");
        String saved = Files.readString(dir.resolve("crdt.txt")).strip();
        assertTrue(!SessionToken.parse(saved).nodes().isEmpty(), "the update's minter is in the token: " + saved);

        ByteArrayOutputStream oneShot = new ByteArrayOutputStream();
        int code = DataCommands.run(new String[]{"counter", "visits", "value", "--consistency", "one",
                "--session-in", dir.resolve("crdt.txt").toString(), "--session-out", dir.resolve("after.txt").toString(),
                "--cluster", "127.0.0.1:" + cluster.address(1).getPort()}, new PrintStream(oneShot, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertEquals("3\n", oneShot.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(dir.resolve("after.txt")), "--session-out wrote the token after the read");
        type("quit");
    }

    /** A token no replica can satisfy makes the shell's get fail, which it could not if the get did not carry it. */
    @Test
    void getsCarryTheTokenAndAFailureLeavesTheShellRunning() throws IOException {
        type("put k v1");
        awaitOut("ok\ncontext: ");
        type("session");
        String exported = awaitOut(" bytes)\n").lines().filter(line -> line.startsWith("cs2.")).findFirst().orElseThrow().split(" ")[0];
        Files.writeString(dir.resolve("lost.txt"), everyPartitionUnprovable(SessionToken.parse(exported)).export());

        type("session load " + dir.resolve("lost.txt"));
        type("get k --consistency one");
        awaitErr("SessionUnsatisfied");
        type("counter c value --consistency one");
        awaitErr("SessionUnsatisfied"); // a CRDT read carries the token too
        type("session new");
        type("get k --consistency one");
        awaitOut("v1\n");
        type("quit");
        assertEquals(DataCommands.EXIT_FAILED, shell.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join(), "a request failed on the way");
    }

    /** n1 seen in two epochs for every partition: no node can prove any of them any more. */
    private static SessionToken everyPartitionUnprovable(SessionToken real) {
        SessionToken token = real;
        for (int p = 0; p < real.partitions(); p++) token = token.with(NodeId.of("n1"), 1_000_000, p).with(NodeId.of("n1"), 1_000_001, p);
        return token;
    }

    private void type(String line) throws IOException {
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
    }

    private int outSeen;
    private int errSeen;

    /** Waits until the output has {@code marker} past what was waited for before; returns that new output. */
    private String awaitOut(String marker) {
        String[] seen = new String[1];
        try {
            Await.until(ANSWER_WITHIN, "\"" + marker + "\" on the shell's output", () -> {
                String all = text(out);
                int at = all.indexOf(marker, outSeen);
                if (at < 0) return false;
                seen[0] = all.substring(outSeen, at + marker.length());
                outSeen = at + marker.length();
                return true;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; stdout: " + text(out) + "; stderr: " + text(err), e);
        }
        return seen[0];
    }

    private void awaitErr(String marker) {
        Await.until(ANSWER_WITHIN, "\"" + marker + "\" on the shell's stderr", () -> {
            int at = text(err).indexOf(marker, errSeen);
            if (at >= 0) errSeen = at + marker.length();
            return at >= 0;
        });
    }

    private static synchronized String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
