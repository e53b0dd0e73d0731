package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.node.ChorusNode;
import io.chorus.node.support.Await;
import io.chorus.node.support.Frames;
import io.chorus.node.support.LocalCluster;
import io.chorus.node.support.RawClient;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.ReplicaWrite;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.crdt.clock.VersionVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The greeting on real sockets: a forged peer (a plain TCP connection that claims a member's name)
 * cannot get a replica write stored, whatever it sends; a caller of another protocol version or
 * cluster is refused with a clear reason; each refusal is counted. The cluster proves peers with a
 * shared secret (no TLS).
 */
class PeerIdentityEndToEndTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ChorusClient client;

    @BeforeAll
    static void start() throws IOException {
        Path secret = dir.resolve("cluster.secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef0123456789abcdef");
        cluster = LocalCluster.start(2, dir, Map.of("peer.secretFile", secret.toString(), "cluster.name", "prod",
                "replication.factor", "2"));
        Await.until(Duration.ofSeconds(10), "peers linked", () -> cluster.node(0).connectedPeers() == 1 && cluster.node(1).connectedPeers() == 1);
        client = ChorusClient.builder().seeds(cluster.addresses()).clusterName("prod").build();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void membersWithTheSecretReplicate() {
        client.put("shared", "v".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
        assertEquals(1, client.get("shared", Consistency.ALL).values().size());
    }

    @Test
    void aForgedPeerWithAWrongProofStoresNothing() throws IOException {
        long before = refusals(cluster.node(0), "peer_unproven");
        try (RawClient forger = RawClient.connectUngreeted(cluster.address(0), READ_TIMEOUT)) {
            Greeting challenge = forger.greet(new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, "prod", "n2", new byte[Greeting.NONCE_BYTES]));
            assertInstanceOf(Greeting.PeerChallenge.class, challenge);
            Greeting answer = forger.greet(new Greeting.PeerProof(new byte[Greeting.PROOF_BYTES]));
            Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, answer);
            assertEquals(ErrorKind.UNAUTHORIZED, refused.kind());
            assertTrue(refused.reason().contains("wrong proof of the cluster secret"), refused.reason());
            sendReplicaWrite(forger, "forged-1");
            assertTrue(forger.closedByPeer());
        }
        assertEquals(before + 1, refusals(cluster.node(0), "peer_unproven"));
        assertNothingStored("forged-1");
    }

    @Test
    void aPeerGreetingFollowedAtOnceByAReplicaWriteStoresNothing() throws IOException {
        long before = refusals(cluster.node(0), "bad_greeting");
        try (RawClient forger = RawClient.connectUngreeted(cluster.address(0), READ_TIMEOUT)) {
            forger.send(new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, "prod", "n2", new byte[Greeting.NONCE_BYTES]));
            sendReplicaWrite(forger, "forged-2");
            assertInstanceOf(Greeting.PeerChallenge.class, forger.readGreeting());
            assertInstanceOf(Greeting.Refused.class, forger.readGreeting());
            assertTrue(forger.closedByPeer());
        }
        assertEquals(before + 1, refusals(cluster.node(0), "bad_greeting"));
        assertNothingStored("forged-2");
    }

    @Test
    void aReplicaWriteWithoutAnyGreetingStoresNothing() throws IOException {
        try (RawClient forger = RawClient.connectUngreeted(cluster.address(0), READ_TIMEOUT)) {
            sendReplicaWrite(forger, "forged-3");
            Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, forger.readGreeting());
            assertTrue(refused.reason().contains("not a Chorus greeting"), refused.reason());
        }
        assertNothingStored("forged-3");
    }

    @Test
    void aNonMemberIsRefused() throws IOException {
        try (RawClient stranger = RawClient.connectUngreeted(cluster.address(0), READ_TIMEOUT)) {
            Greeting answer = stranger.greet(new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, "prod", "mallory", new byte[Greeting.NONCE_BYTES]));
            Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, answer);
            assertTrue(refused.reason().contains("not another member of this cluster"), refused.reason());
        }
    }

    @Test
    void anotherProtocolVersionIsRefusedAndCounted() throws IOException {
        long before = refusals(cluster.node(1), "wrong_version");
        try (RawClient old = RawClient.connectUngreeted(cluster.address(1), READ_TIMEOUT)) {
            Greeting answer = old.greet(new Greeting.ClientHello(Greeting.PROTOCOL_VERSION + 1, "", "", new byte[0]));
            Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, answer);
            assertEquals("protocol version " + (Greeting.PROTOCOL_VERSION + 1) + " is not spoken here: n2 speaks version " + Greeting.PROTOCOL_VERSION,
                    refused.reason());
        }
        assertEquals(before + 1, refusals(cluster.node(1), "wrong_version"));
    }

    @Test
    void anotherClusterIsRefusedOnBothSides() throws IOException {
        long before = refusals(cluster.node(0), "wrong_cluster");
        try (RawClient stranger = RawClient.connectUngreeted(cluster.address(0), READ_TIMEOUT)) {
            Greeting answer = stranger.greet(new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, "staging", "n2", new byte[Greeting.NONCE_BYTES]));
            Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, answer);
            assertTrue(refused.reason().contains("wrong cluster: this is n1 of cluster 'prod', the caller expects cluster 'staging'"), refused.reason());
        }
        ChorusException e = assertThrows(ChorusException.class,
                () -> ChorusClient.builder().seeds(cluster.addresses()).clusterName("staging").build().close());
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("cluster 'prod'"), e.getMessage());
        assertEquals(before + 2, refusals(cluster.node(0), "wrong_cluster"));
    }

    /** A replica write as a member would send it; the node may already have closed the connection. */
    private static void sendReplicaWrite(RawClient forger, String key) {
        KeyState state = KeyState.empty().update(VersionVector.empty(), "forged".getBytes(StandardCharsets.UTF_8), "n2");
        try {
            forger.sendRaw(Frames.frameBytes(new ReplicaWrite(1, Key.of(key), state, true, false)));
        } catch (IOException e) {
            // reset by the node: it refused already, which is what the test wants
        }
    }

    private static void assertNothingStored(String key) {
        assertEquals(0, client.get(key, Consistency.ALL).values().size(), key + " was never written by a client");
    }

    /** {@code chorus_greetings_refused_total{reason}} of {@code node}. */
    static long refusals(ChorusNode node, String reason) {
        Matcher m = Pattern.compile("chorus_greetings_refused_total\\{[^}]*reason=\"" + reason + "\"[^}]*} ([0-9.]+)").matcher(node.metrics().scrape());
        assertTrue(m.find(), "no counter for " + reason);
        return (long) Double.parseDouble(m.group(1));
    }
}
