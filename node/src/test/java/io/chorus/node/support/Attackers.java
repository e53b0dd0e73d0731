package io.chorus.node.support;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.chorus.replication.state.Key;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile clients of one node, kept up for as long as they run (a closed connection is opened
 * again, as a real attacker would):
 * <ul>
 * <li>{@code idle} idle connections: three in four greeted and asked to describe the cluster, then went quiet (an
 *     identified client that stopped); one in four never said anything (closed by the node after
 *     {@code net.readTimeoutMillis}, then opened again);</li>
 * <li>{@code loris} slow-loris senders: greeted, then the length of a 1 MiB frame and a byte of it
 *     every second, never finishing (closed after {@code net.readTimeoutMillis}, then again);</li>
 * <li>{@code nonReaders} clients that pipeline reads of {@code bigKey} and never read a reply, each
 *     connecting again as soon as the node cuts it off.</li>
 * </ul>
 * One keeper thread tends the idle and slow-loris sockets (non-blocking, a sweep every 200 ms), one
 * thread per non-reader. Stops on {@link #close()}.
 */
public final class Attackers implements AutoCloseable {
    private static final long SWEEP_MILLIS = 200;
    private static final long LORIS_BYTE_EVERY_NANOS = 1_000_000_000L;

    private final InetSocketAddress node;
    private final String bigKey;
    private final List<Connection> population = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> nonReaderSockets = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong reopened = new AtomicLong();
    private final AtomicLong nonReadersCutOff = new AtomicLong();
    private final AtomicLong requestsWritten = new AtomicLong();
    private volatile boolean running = true;

    private Attackers(InetSocketAddress node, String bigKey) {
        this.node = node;
        this.bigKey = bigKey;
    }

    /** Opens every connection (returns once all are open and greeted), then keeps them up in the background. */
    public static Attackers start(InetSocketAddress node, int idle, int loris, int nonReaders, String bigKey) throws IOException {
        Attackers attackers = new Attackers(node, bigKey);
        for (int i = 0; i < idle; i++) attackers.population.add(new Connection(i % 4 == 3 ? Kind.SILENT : Kind.QUIET));
        for (int i = 0; i < loris; i++) attackers.population.add(new Connection(Kind.LORIS));
        for (Connection connection : attackers.population) attackers.open(connection);
        Thread keeper = new Thread(attackers::keep, "attackers-keeper");
        keeper.setDaemon(true);
        attackers.threads.add(keeper);
        for (int i = 0; i < nonReaders; i++) {
            Thread nonReader = new Thread(attackers::nonReader, "attackers-non-reader-" + i);
            nonReader.setDaemon(true);
            attackers.threads.add(nonReader);
        }
        attackers.threads.forEach(Thread::start);
        return attackers;
    }

    /** Idle and slow-loris connections the node closed and the attackers opened again. */
    public long reopened() {
        return reopened.get();
    }

    /** Times the node cut a non-reader off (closed its connection). */
    public long nonReadersCutOff() {
        return nonReadersCutOff.get();
    }

    /** Read requests the non-readers managed to write. */
    public long requestsWritten() {
        return requestsWritten.get();
    }

    private enum Kind { QUIET, SILENT, LORIS }

    private static final class Connection {
        final Kind kind;
        SocketChannel channel;
        long nextByteNanos;

        Connection(Kind kind) {
            this.kind = kind;
        }
    }

    private void open(Connection connection) throws IOException {
        SocketChannel channel = SocketChannel.open(node);
        switch (connection.kind) {
            case QUIET -> {
                greet(channel.socket());
                channel.write(ByteBuffer.wrap(Frames.frameBytes(new ClientFrame(1, new DescribeCluster()))));
            }
            case LORIS -> {
                greet(channel.socket());
                channel.write(ByteBuffer.allocate(5).putInt(1 << 20).put((byte) 0).flip());
                connection.nextByteNanos = System.nanoTime() + LORIS_BYTE_EVERY_NANOS;
            }
            case SILENT -> { }
        }
        channel.configureBlocking(false);
        connection.channel = channel;
    }

    /** Reopens what the node closed and trickles the slow-loris bytes, until closed. */
    private void keep() {
        ByteBuffer sink = ByteBuffer.allocate(64 << 10);
        while (running) {
            long now = System.nanoTime();
            for (Connection connection : population) {
                if (!running) return;
                try {
                    sink.clear();
                    if (connection.channel.read(sink) < 0) throw new IOException("closed by the node");
                    if (connection.kind == Kind.LORIS && now >= connection.nextByteNanos) {
                        connection.channel.write(ByteBuffer.wrap(new byte[1]));
                        connection.nextByteNanos = now + LORIS_BYTE_EVERY_NANOS;
                    }
                } catch (IOException closed) {
                    closeQuietly(connection.channel);
                    try {
                        open(connection);
                        reopened.incrementAndGet();
                    } catch (IOException e) {
                        if (running) pause(SWEEP_MILLIS); // refused (connection limit): try again next sweep
                    }
                }
            }
            pause(SWEEP_MILLIS);
        }
    }

    /** Pipelines reads of the big key and never reads a reply; connects again each time the node cuts it off. */
    private void nonReader() {
        byte[] get = Frames.frameBytes(new ClientFrame(1, new Get(Key.of(bigKey), (byte) 1)));
        while (running) {
            try (Socket socket = new Socket()) {
                nonReaderSockets.add(socket);
                if (!running) return;
                socket.setReceiveBufferSize(64 << 10); // what the kernel holds for it stays small: the node's queue is what is tested
                socket.connect(node, 2000);
                greet(socket);
                OutputStream out = socket.getOutputStream();
                while (running) { // the same request id every time: the node answers each, the client never looks
                    out.write(get);
                    requestsWritten.incrementAndGet();
                }
            } catch (IOException e) {
                if (running) nonReadersCutOff.incrementAndGet();
            } finally {
                nonReaderSockets.removeIf(Socket::isClosed);
            }
        }
    }

    /** The client's greeting, and the node's welcome read: requests may follow (none may before the welcome). */
    public static void greet(Socket socket) throws IOException {
        byte[] hello = GreetingCodec.encode(new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, "", "", new byte[0]));
        socket.getOutputStream().write(ByteBuffer.allocate(4 + hello.length).putInt(hello.length).put(hello).array());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] answer = new byte[in.readInt()];
        in.readFully(answer);
        Greeting greeting = GreetingCodec.decode(answer);
        if (!(greeting instanceof Greeting.Welcome)) throw new IOException("the node did not welcome a plain client: " + greeting);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // closing a socket the node already closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (nonReaderSockets) { // a non-reader blocked writing to a node that stopped reading: closing unblocks it
            for (Socket socket : nonReaderSockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
        for (Thread thread : threads) thread.join(10_000);
        for (Connection connection : population) closeQuietly(connection.channel);
    }
}
