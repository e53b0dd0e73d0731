package io.chorus.bench.store;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for one Chorus node on 127.0.0.1 for adapter tests: the real framing (4-byte length
 * prefix) and codec, a {@link LocalStore} behind it, blocking sockets (a thread per connection).
 * By default it does not describe the cluster, so the client sends everything to it; or it
 * describes a cluster of itself alone (replication factor 1). Keys starting with {@code timeout}
 * are answered with a Timeout failure.
 */
final class SocketNode implements AutoCloseable {
    private final ServerSocket server;
    private final LocalStore store = new LocalStore();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    /** Whether each put received asked to be durable, in order. */
    final List<Boolean> putsDurable = new CopyOnWriteArrayList<>();

    private final boolean describesItself;

    SocketNode() throws IOException {
        this(false);
    }

    /** @param describesItself answer DescribeCluster with a one-node cluster, so that the client knows the ring */
    SocketNode(boolean describesItself) throws IOException {
        this.describesItself = describesItself;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "socket-node-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "socket-node-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Codec codec = new Codec();
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            return;
        }
        try (DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            byte[] hello = new byte[in.readInt()]; // the client's greeting: welcome whoever it is
            in.readFully(hello);
            io.chorus.replication.message.GreetingCodec.decode(hello);
            byte[] welcome = io.chorus.replication.message.GreetingCodec.encode(new io.chorus.replication.message.Greeting.Welcome(
                    io.chorus.replication.message.Greeting.PROTOCOL_VERSION, "chorus", "n1"));
            out.writeInt(welcome.length);
            out.write(welcome);
            out.flush();
            while (true) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                ClientFrame request = (ClientFrame) codec.decode(frame);
                byte[] reply = codec.encode(new ClientReply(request.requestId(), answer(request)));
                byte[] framed = new byte[4 + reply.length]; // one write per reply: two would meet Nagle and delayed ACKs
                framed[0] = (byte) (reply.length >>> 24);
                framed[1] = (byte) (reply.length >>> 16);
                framed[2] = (byte) (reply.length >>> 8);
                framed[3] = (byte) reply.length;
                System.arraycopy(reply, 0, framed, 4, reply.length);
                out.write(framed);
                out.flush();
            }
        } catch (IOException | RuntimeException closed) {
            // connection closed (or the test ended)
        }
    }

    private ClientResponse answer(ClientFrame frame) {
        if (frame.request() instanceof DescribeCluster && describesItself) {
            return new ClusterDescription(new String[]{"n1"}, new String[]{"127.0.0.1:" + server.getLocalPort()}, 8, 1);
        }
        if (frame.request() instanceof Get get) {
            if (get.key().asString().startsWith("timeout")) return new Failure(ErrorKind.TIMEOUT, "(needed 2, 1 answered)");
            StoreRead r = store.get(get.key().toBytes(), Consistency.ofCode(get.consistency())).toCompletableFuture().join();
            return new GetResult(r.values().toArray(new byte[0][]), r.context());
        }
        if (frame.request() instanceof Put put) {
            if (put.key().asString().startsWith("timeout")) return new Failure(ErrorKind.TIMEOUT, "(needed 2, 1 answered)");
            putsDurable.add(put.durable());
            StoreAck a = store.put(put.key().toBytes(), put.value(), put.context(), Consistency.ofCode(put.consistency())).toCompletableFuture().join();
            return new WriteResult(a.context(), put.durable());
        }
        return new Failure(ErrorKind.INVALID_REQUEST, "this test node only answers Get and Put");
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) s.close();
    }
}
