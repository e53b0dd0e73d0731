package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.node.security.CertificateAuthority;
import io.chorus.node.support.Await;
import io.chorus.node.support.LocalCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.chorus.replication.state.Consistency;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static io.chorus.node.e2e.PeerIdentityEndToEndTest.refusals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes talking mutual TLS with certificates of one CA (made as {@code cluster start --tls}
 * makes them): they replicate; a plaintext client is refused; a peer whose certificate another CA
 * signed is refused; a certificate for one member cannot claim another; a replaced certificate
 * serves new connections without a restart. Each refusal is counted and leaves the data unchanged.
 */
class TlsEndToEndTest {
    @TempDir
    static Path dir;
    static CertificateAuthority ca;
    static LocalCluster cluster;
    static ChorusClient client;

    @BeforeAll
    static void start() throws IOException {
        ca = CertificateAuthority.create("test CA", new SecureRandom());
        for (String node : new String[] {"n1", "n2"}) ca.issue(node, "127.0.0.1", cert(node), key(node));
        ca.writeCertificate(dir.resolve("ca.pem"));
        CertificateAuthority rogue = CertificateAuthority.create("rogue CA", new SecureRandom());
        rogue.issue("n2", "127.0.0.1", dir.resolve("rogue-n2.pem"), dir.resolve("rogue-n2-key.pem"));
        cluster = LocalCluster.start(2, dir, Map.of("tls.certFile", dir.resolve("{node}.pem").toString(),
                "tls.keyFile", dir.resolve("{node}-key.pem").toString(), "tls.caFile", dir.resolve("ca.pem").toString(),
                "replication.factor", "2"));
        Await.until(Duration.ofSeconds(10), "peers linked over TLS",
                () -> cluster.node(0).connectedPeers() == 1 && cluster.node(1).connectedPeers() == 1);
        client = ChorusClient.builder().seeds(cluster.addresses()).tls(dir.resolve("ca.pem")).build();
        client.put("before", "v".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (cluster != null) cluster.close();
    }

    private static Path cert(String node) {
        return dir.resolve(node + ".pem");
    }

    private static Path key(String node) {
        return dir.resolve(node + "-key.pem");
    }

    @Test
    void nodesReplicateOverMutualTls() {
        client.put("tls", "v".getBytes(StandardCharsets.UTF_8), Consistency.ALL);
        assertEquals(1, client.get("tls", Consistency.ALL).values().size());
    }

    @Test
    void aPlaintextClientIsRefusedAndCounted() {
        long before = refusals(cluster.node(0), "tls_failed");
        ChorusException e = assertThrows(ChorusException.class,
                () -> ChorusClient.builder().seeds(java.util.List.of(cluster.address(0))).build().close());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("does it require TLS?"), e.getMessage());
        Await.until(Duration.ofSeconds(5), "the refusal counted", () -> refusals(cluster.node(0), "tls_failed") == before + 1);
        assertDataUnchanged();
    }

    @Test
    void aPeerWithACertificateFromAnotherCaIsRefused() throws Exception {
        long before = refusals(cluster.node(0), "peer_unproven");
        Greeting answer = greetAsPeer(dir.resolve("rogue-n2.pem"), dir.resolve("rogue-n2-key.pem"), "n2");
        Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, answer);
        assertEquals("not accepted as peer 'n2': it presented no certificate signed by the cluster CA (tls.caFile)", refused.reason());
        assertEquals(before + 1, refusals(cluster.node(0), "peer_unproven"));
        assertDataUnchanged();
    }

    @Test
    void aMembersCertificateCannotClaimAnotherMember() throws Exception {
        long before = refusals(cluster.node(0), "peer_unproven");
        Path otherNode = dir.resolve("n3.pem");
        ca.issue("n3", "127.0.0.1", otherNode, dir.resolve("n3-key.pem")); // signed by the cluster CA, but for n3
        Greeting answer = greetAsPeer(otherNode, dir.resolve("n3-key.pem"), "n2");
        Greeting.Refused refused = assertInstanceOf(Greeting.Refused.class, answer);
        assertTrue(refused.reason().endsWith("its certificate is for [localhost, n3]"), refused.reason());
        assertEquals(before + 1, refusals(cluster.node(0), "peer_unproven"));
        assertDataUnchanged();
    }

    @Test
    void aReplacedCertificateServesNewConnectionsWithoutARestart() throws Exception {
        BigInteger old = servedCertificate().getSerialNumber();
        ca.issue("n1", "127.0.0.1", cert("n1"), key("n1"));
        BigInteger renewed = servedCertificate().getSerialNumber();
        assertNotEquals(old, renewed, "a new connection gets the new certificate");
        try (ChorusClient fresh = ChorusClient.builder().seeds(java.util.List.of(cluster.address(0))).tls(dir.resolve("ca.pem")).build()) {
            assertEquals(1, fresh.get("before", Consistency.ONE).values().size());
        }
    }

    private static void assertDataUnchanged() {
        assertEquals(1, client.get("before", Consistency.ALL).values().size());
    }

    /** The certificate n1 presents to a new TLS connection. */
    private static X509Certificate servedCertificate() throws Exception {
        try (SSLSocket socket = tlsSocket(cert("n2"), key("n2"))) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Says a peer greeting to n1 over TLS with the given certificate, and returns its answer. */
    private static Greeting greetAsPeer(Path certFile, Path keyFile, String claimedName) throws Exception {
        try (SSLSocket socket = tlsSocket(certFile, keyFile)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] hello = GreetingCodec.encode(new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, Greeting.CLUSTER_NAME_DEFAULT,
                    claimedName, new byte[Greeting.NONCE_BYTES]));
            out.writeInt(hello.length);
            out.write(hello);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            return GreetingCodec.decode(answer);
        }
    }

    private static SSLSocket tlsSocket(Path certFile, Path keyFile) throws Exception {
        JdkSslContext context = (JdkSslContext) SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .keyManager(certFile.toFile(), keyFile.toFile()).trustManager(dir.resolve("ca.pem").toFile())
                .endpointIdentificationAlgorithm(null).build();
        SSLSocket socket = (SSLSocket) context.context().getSocketFactory().createSocket("127.0.0.1", cluster.address(0).getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }
}
