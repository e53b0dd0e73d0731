package io.chorus.node.cli;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CodecException;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.Message;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Asks a node whether it serves clients: one DescribeCluster round trip over the real wire format
 * (4-byte big-endian length, then the codec's bytes). Stronger than a TCP connect, which a node
 * accepts before its pipeline runs. Not thread-safe (the codec is not): one probe per thread.
 */
final class NodeProbe {
    /** The wire's frame limit ({@code limits.frameBytesMax} default); a longer reply is not a node's. */
    private static final int FRAME_BYTES_MAX = 2 * 1024 * 1024;
    private static final long PROBE_REQUEST_ID = 1;

    private final Codec codec = new Codec();

    /** Whether the node at {@code node} answered within {@code timeout}. */
    boolean answers(NodeSpec node, Duration timeout) {
        int timeoutMillis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.host(), node.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            byte[] request = codec.encode(new ClientFrame(PROBE_REQUEST_ID, new DescribeCluster()));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
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
