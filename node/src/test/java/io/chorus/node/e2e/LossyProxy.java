package io.chorus.node.e2e;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.Message;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of one node, frame by frame, that can lose a reply on purpose: once armed,
 * it lets the next first attempt of a CRDT update through, waits for the node's reply (so the
 * node has applied it) and then closes the client's connection instead of passing the reply on.
 * That is a lost acknowledgement, staged without any timing guess. Everything else (client and
 * peer traffic alike) passes unchanged. Blocking sockets, two daemon threads per connection.
 */
final class LossyProxy implements AutoCloseable {
    private static final int FRAME_BYTES_MAX = 4 << 20;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean frozen;
    private final AtomicInteger repliesLost = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private LossyProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on {@code listen} and relays every connection to {@code target}. */
    static LossyProxy start(InetSocketAddress listen, InetSocketAddress target) {
        return start(listen, target, 0);
    }

    /**
     * As above, with the receive buffer of the connections it accepts fixed at {@code receiveBufferBytes}
     * (0: the kernel's, which grows to tens of MiB): frozen, it then takes little off the sender's hands.
     */
    static LossyProxy start(InetSocketAddress listen, InetSocketAddress target, int receiveBufferBytes) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            if (receiveBufferBytes > 0) server.setReceiveBufferSize(receiveBufferBytes);
            server.bind(listen);
            LossyProxy proxy = new LossyProxy(server, target);
            daemon("proxy-accept", proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listen, e);
        }
    }

    /** Loses the reply to the next first attempt of a CRDT update that comes through. */
    void loseNextCrdtUpdateReply() {
        armed.set(true);
    }

    /**
     * Frozen, the proxy holds every frame in both directions (the connections stay open), as a node
     * stopped with SIGSTOP would; thawed, it passes them on again, in order.
     */
    void freeze(boolean holdEverything) {
        this.frozen = holdEverything;
    }

    int repliesLost() {
        return repliesLost.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket node = new Socket();
                try {
                    node.connect(target, 2_000);
                } catch (IOException targetDown) { // as without a proxy: the connection is refused, not left hanging
                    closeQuietly(client);
                    throw targetDown;
                }
                client.setTcpNoDelay(true);
                node.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(node);
                Set<Long> doomed = ConcurrentHashMap.newKeySet();
                daemon("proxy-up", () -> relay(client, node, doomed, true)).start();
                daemon("proxy-down", () -> relay(node, client, doomed, false)).start();
            } catch (IOException e) {
                // closed, or the node is down: the connection attempt fails, as it would without a proxy
            }
        }
    }

    /** Copies frames from {@code from} to {@code to}; upstream marks the doomed request, downstream loses its reply. */
    private void relay(Socket from, Socket to, Set<Long> doomed, boolean upstream) {
        Codec codec = new Codec(FRAME_BYTES_MAX); // one per thread: the codec is not thread-safe
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            DataOutputStream out = new DataOutputStream(to.getOutputStream());
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length];
                in.readFully(body);
                Message message = decodeUnlessGreeting(codec, body);
                if (upstream && message instanceof ClientFrame frame && frame.request() instanceof CrdtUpdate update
                        && update.attempt() == 1 && armed.compareAndSet(true, false)) {
                    doomed.add(frame.requestId());
                }
                if (!upstream && message instanceof ClientReply reply && doomed.remove(reply.requestId())) {
                    repliesLost.incrementAndGet();
                    break; // the node applied it; the client hears only that the connection closed
                }
                while (frozen) Thread.sleep(2); // a frozen node: nothing goes through until thawed
                out.writeInt(length);
                out.write(body);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // one side closed: close the other, as a broken link would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    /** The message in a frame, or null for a greeting frame (not a Message), which passes unchanged. */
    private static Message decodeUnlessGreeting(Codec codec, byte[] body) {
        try {
            io.chorus.replication.message.GreetingCodec.decode(body);
            return null;
        } catch (io.chorus.replication.message.CodecException notAGreeting) {
            return codec.decode(body);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(LossyProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
