package io.chorus.node.cli;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.chorus.replication.message.Message;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Asks a node whether it serves clients: the greeting, then one DescribeCluster round trip over the
 * real wire format (4-byte big-endian length, then the codec's bytes); a node that requires a login
 * answers the anonymous greeting with Unauthorized, which counts as serving. Stronger than a TCP connect, which a node
 * accepts before its pipeline runs. Not thread-safe (the codec is not): one probe per thread.
 */
final class NodeProbe {
    /** The wire's frame limit ({@code limits.frameBytesMax} default); a longer reply is not a node's. */
    private static final int FRAME_BYTES_MAX = 2 * 1024 * 1024;
    private static final long PROBE_REQUEST_ID = 1;

    private final Codec codec = new Codec();
    private final SSLSocketFactory tls;

    NodeProbe() {
        this.tls = null;
    }

    /** Probes over TLS trusting {@code caFile} (the local cluster's CA), or in plaintext when it is null. */
    NodeProbe(Path caFile) {
        this.tls = caFile == null ? null : socketFactory(caFile);
    }

    private static SSLSocketFactory socketFactory(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException("cannot use " + caFile + " as the cluster's CA: " + Main.describe(e), e);
        }
    }

    /** Whether the node at {@code node} answered within {@code timeout}. */
    boolean answers(NodeSpec node, Duration timeout) {
        int timeoutMillis = (int) Math.max(1, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(node.host(), node.port()), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            Socket socket = tls == null ? plain : tls.createSocket(plain, node.host(), node.port(), true);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Greeting answer = greet(out, in);
            if (answer instanceof Greeting.Refused refused) {
                return refused.kind() == ErrorKind.UNAUTHORIZED; // it serves, only not anonymous callers
            }
            byte[] request = codec.encode(new ClientFrame(PROBE_REQUEST_ID, new DescribeCluster()));
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            int length = in.readInt();
            if (length <= 0 || length > FRAME_BYTES_MAX) {
                return false;
            }
            byte[] reply = new byte[length];
            in.readFully(reply);
            Message message = codec.decode(reply);
            return message instanceof ClientReply clientReply && clientReply.requestId() == PROBE_REQUEST_ID;
        } catch (IOException | CodecException e) {
            return false;
        }
    }

    private static Greeting greet(DataOutputStream out, DataInputStream in) throws IOException {
        byte[] hello = GreetingCodec.encode(new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, "", "", new byte[0]));
        out.writeInt(hello.length);
        out.write(hello);
        out.flush();
        int length = in.readInt();
        if (length <= 0 || length > Greeting.GREETING_BYTES_MAX) throw new IOException("not a greeting: a frame of " + length + " bytes");
        byte[] answer = new byte[length];
        in.readFully(answer);
        return GreetingCodec.decode(answer);
    }

    /** Whether nothing listens on the node's address, so the node can bind it. */
    static boolean portFree(NodeSpec node) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as a server binds: a closed connection in TIME_WAIT does not count
            socket.bind(new InetSocketAddress(node.host(), node.port()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
