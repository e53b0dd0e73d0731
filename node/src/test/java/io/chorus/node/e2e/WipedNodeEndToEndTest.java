package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.node.support.LocalCluster;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.chorus.node.e2e.ClusterEndToEndTest.bytes;
import static io.chorus.node.e2e.ClusterEndToEndTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A node's disk is replaced (its data directory deleted) and it starts again under the same name.
 * It mints new writes under a new actor epoch, above every epoch of its lost life; minting again
 * under the old one (as a new directory's epoch 0 once did) gave a new value a dot the other replicas
 * already hold for an old one, and they dropped the acknowledged write as one they had.
 */
class WipedNodeEndToEndTest {
    /** Keys written: about a third have n1 first in line, so n1 mints them (none of 30: (2/3)^30, 5e-6). */
    static final int KEYS = 30;

    @TempDir
    Path dataDirs;

    @Test
    void writesMintedAfterTheWipeAreKeptByEveryReplica() throws IOException {
        // No anti-entropy round during the test: it could hand n1 the old values before the new writes,
        // and n1 would then mint above them whatever its epoch.
        try (LocalCluster cluster = LocalCluster.start(3, dataDirs, Map.of("antiEntropy.interval.millis", "86400000"));
             ChorusClient client = ChorusClient.builder().seeds(cluster.addresses()).requestTimeout(Duration.ofSeconds(5)).build()) {
            ClusterEndToEndTest.awaitAllReplicasUp(cluster, client);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) keys.add("replaced-" + i);
            for (String key : keys) client.put(key, bytes("before"), Consistency.ALL);

            cluster.stopNode(0);
            deleteRecursively(cluster.config(0).dataDir());
            cluster.startNode(0);
            ClusterEndToEndTest.awaitAllReplicasUp(cluster, client);

            for (String key : keys) client.put(key, bytes("after"), Consistency.ALL); // blind: a sibling of "before"
            for (String key : keys) {
                assertEquals(List.of("after", "before"), strings(client.get(key, Consistency.ALL)).stream().sorted().toList(),
                        key + ": both writes were acknowledged by every replica");
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }
}
