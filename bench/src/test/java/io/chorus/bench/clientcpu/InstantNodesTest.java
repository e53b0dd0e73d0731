package io.chorus.bench.clientcpu;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.ReadResult;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in nodes through the real client: what they store, what they refuse, and how. */
class InstantNodesTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ChorusClient client(InstantNodes nodes) {
        return ChorusClient.builder().seeds(Arrays.stream(nodes.seeds().split(","))
                .map(s -> new java.net.InetSocketAddress(s.split(":")[0], Integer.parseInt(s.split(":")[1]))).toList()).build();
    }

    @Test
    void theClientReadsWhatItWroteAndNotWhatItDeleted() {
        try (InstantNodes nodes = new InstantNodes(3, 0, 100, 0); ChorusClient client = client(nodes)) {
            assertEquals(3, nodes.seeds().split(",").length);
            for (int i = 0; i < 20; i++) client.put("k" + i, utf8("v" + i), Consistency.QUORUM);
            for (int i = 0; i < 20; i++) {
                ReadResult read = client.get("k" + i, Consistency.ONE);
                assertEquals(1, read.values().size(), "k" + i);
                assertArrayEquals(utf8("v" + i), read.values().get(0), "k" + i);
                assertFalse(read.receipt().replicas().isEmpty(), "the answering node is named");
            }
            client.delete("k3", client.get("k3", Consistency.ONE).context(), Consistency.QUORUM);
            assertFalse(client.get("k3", Consistency.ONE).found());
            assertTrue(client.get("never-written", Consistency.QUORUM).values().isEmpty());
        }
    }

    @Test
    void moreKeysThanTheLimitAreRefusedAsOverloadedAndNothingIsStored() {
        try (InstantNodes nodes = new InstantNodes(1, 0, 2, 0); ChorusClient client = client(nodes)) {
            client.put("a", utf8("1"), Consistency.ONE);
            client.put("b", utf8("2"), Consistency.ONE);
            client.put("a", utf8("3"), Consistency.ONE); // a key it holds is overwritten, not counted again
            ChorusException refused = assertThrows(ChorusException.class, () -> client.put("c", utf8("4"), Consistency.ONE));
            assertEquals(ErrorKind.OVERLOADED, refused.kind());
            assertTrue(refused.getMessage().contains("--keys-max"), refused.getMessage());
            assertFalse(client.get("c", Consistency.ONE).found());
            assertArrayEquals(utf8("3"), client.get("a", Consistency.ONE).values().get(0));
        }
    }

    @Test
    void whatItDoesNotServeIsRefusedByName() {
        try (InstantNodes nodes = new InstantNodes(1, 0, 10, 0); ChorusClient client = client(nodes)) {
            ChorusException refused = assertThrows(ChorusException.class, () -> client.counter("c").increment(1, Consistency.ONE));
            assertEquals(ErrorKind.INVALID_REQUEST, refused.kind());
            assertTrue(refused.getMessage().contains("get, put and delete only, not CrdtUpdate"), refused.getMessage());
        }
    }

    @Test
    void aDelayedAnswerStillArrives() {
        try (InstantNodes nodes = new InstantNodes(1, 0, 10, 20_000); ChorusClient client = client(nodes)) {
            long start = System.nanoTime();
            client.put("k", utf8("v"), Consistency.ONE);
            assertTrue(System.nanoTime() - start >= 20_000_000L, "answered before its 20 ms delay");
            assertEquals(List.of("v"), client.get("k", Consistency.ONE).values().stream().map(String::new).toList());
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InstantNodes(0, 0, 10, 0)).getMessage().contains("--nodes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new InstantNodes(1, 0, 0, 0)).getMessage().contains("--keys-max"));
    }
}
