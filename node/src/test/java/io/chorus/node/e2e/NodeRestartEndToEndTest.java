package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.node.support.Await;
import io.chorus.node.support.LocalCluster;
import io.chorus.node.support.RawClient;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.chorus.node.e2e.ClusterEndToEndTest.bytes;
import static io.chorus.node.e2e.ClusterEndToEndTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node stops: quorums carry on, ALL fails at once; the node restarts with its data. */
class NodeRestartEndToEndTest {
    /** The config's request timeout; "promptly" means well under it. */
    static final long REQUEST_TIMEOUT_MILLIS = 2000;
    static final long PROMPT_MILLIS = 1000;

    @TempDir
    Path dataDirs;

    @Test
    void stopOneNodeThenRestartIt() throws IOException {
        try (LocalCluster cluster = LocalCluster.start(3, dataDirs, Map.of("request.timeout.millis", Long.toString(REQUEST_TIMEOUT_MILLIS)));
             ChorusClient client = ChorusClient.builder().seeds(cluster.addresses()).requestTimeout(Duration.ofSeconds(5)).build()) {
            ClusterEndToEndTest.awaitAllReplicasUp(cluster, client);
            client.put("before-stop", bytes("kept"), Consistency.ALL);

            cluster.stopNode(2);
            assertTrue(Files.exists(cluster.config(2).dataDir().resolve("clean-shutdown")), "a clean stop leaves the marker");
            Await.until(Duration.ofSeconds(5), "n1 and n2 see their links to n3 drop",
                    () -> cluster.node(0).connectedPeers() == 1 && cluster.node(1).connectedPeers() == 1);

            client.put("while-down", bytes("w"), Consistency.QUORUM);
            assertEquals(List.of("w"), strings(client.get("while-down", Consistency.QUORUM)));
            assertEquals(List.of("kept"), strings(client.get("before-stop", Consistency.QUORUM)));

            assertUnavailablePromptly(() -> client.put("needs-all", bytes("x"), Consistency.ALL));
            assertUnavailablePromptly(() -> client.get("before-stop", Consistency.ALL));

            cluster.startNode(2);
            assertTrue(cluster.node(2).storedKeys() >= 2, "the restarted node opened its old data");
            try (RawClient raw = RawClient.connect(cluster.address(2), Duration.ofSeconds(10))) {
                GetResult local = assertInstanceOf(GetResult.class, raw.call(new Get(Key.of("before-stop"), Consistency.ONE.code())));
                assertEquals("kept", new String(local.values()[0], StandardCharsets.UTF_8), "n3's own copy survived the restart");
            }
            Await.until(Duration.ofSeconds(15), "a read at ALL succeeds again", () -> {
                try {
                    return strings(client.get("before-stop", Consistency.ALL)).equals(List.of("kept"));
                } catch (ChorusException e) {
                    return false;
                }
            });
            Await.until(Duration.ofSeconds(15), "read repair or anti-entropy gives n3 the write it missed", () -> {
                try {
                    return strings(client.get("while-down", Consistency.ALL)).equals(List.of("w"));
                } catch (ChorusException e) {
                    return false;
                }
            });
        }
    }

    private static void assertUnavailablePromptly(Supplier<?> call) {
        long start = System.nanoTime();
        ChorusException e = assertThrows(ChorusException.class, call::get);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Unavailable (need 3, alive 2)"), e.getMessage());
        assertTrue(millis < PROMPT_MILLIS, "ALL must fail at once, not after the " + REQUEST_TIMEOUT_MILLIS + " ms timeout; took " + millis + " ms");
    }
}
