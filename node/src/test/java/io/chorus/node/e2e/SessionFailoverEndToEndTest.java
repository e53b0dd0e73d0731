package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.Session;
import io.chorus.client.WriteOptions;
import io.chorus.node.support.LocalCluster;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.chorus.node.e2e.ClusterEndToEndTest.bytes;
import static io.chorus.node.e2e.ClusterEndToEndTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session's writes at QUORUM are read at ONE, through another process's client, while the node
 * that minted a third of them is down: any replica that acknowledged a write proves it. With a token
 * that named only the minter, every read of those keys failed SessionUnsatisfied after its timeout.
 */
class SessionFailoverEndToEndTest {
    /** About a third have n1 first in line, so n1 mints them (none of 30: (2/3)^30, 5e-6). */
    static final int KEYS = 30;

    @TempDir
    Path dataDirs;

    @Test
    void aSessionsQuorumWritesAreReadAtOneWhileTheirMinterIsDown() {
        try (LocalCluster cluster = LocalCluster.start(3, dataDirs, Map.of());
             ChorusClient client = ChorusClient.builder().seeds(cluster.addresses()).requestTimeout(Duration.ofSeconds(5)).build()) {
            ClusterEndToEndTest.awaitAllReplicasUp(cluster, client);
            Session session = client.session();
            for (int i = 0; i < KEYS; i++) {
                session.put("failover-" + i, bytes("v" + i), Context.NONE, Consistency.QUORUM, WriteOptions.DEFAULT);
            }
            String token = session.export();

            cluster.stopNode(0);
            try (ChorusClient elsewhere = ChorusClient.builder().seeds(List.of(cluster.address(1), cluster.address(2)))
                    .requestTimeout(Duration.ofSeconds(5)).build()) {
                Session resumed = elsewhere.session(token);
                for (int i = 0; i < KEYS; i++) {
                    ReadResult read = resumed.get("failover-" + i, Consistency.ONE);
                    assertEquals(List.of("v" + i), strings(read), "failover-" + i + " read at ONE with n1 down");
                }
            }
        }
    }
}
