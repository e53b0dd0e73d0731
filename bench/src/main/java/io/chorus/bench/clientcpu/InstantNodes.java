package io.chorus.bench.clientcpu;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.Put;
import io.chorus.replication.message.WriteResult;
import io.chorus.replication.state.Key;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stand-in nodes that answer a client at once from memory, for measuring the client's own cost
 * under the conditions a Redis client is measured in: a server that answers in microseconds.
 * Against a real cluster on the same cores the client's CPU per operation also carries the
 * cluster's latency (fewer answers per event-loop wake-up), so the two figures are reported side
 * by side (bench/README.md).
 *
 * <p>They speak the real greeting, framing and codec, describe themselves as one cluster, and keep
 * one copy of each value (no versions, no replication, last write wins): {@code Get}, {@code Put}
 * and {@code Delete} are answered, anything else with {@code InvalidRequest}. Not a database: a
 * measuring tool. All nodes share one event loop thread, as a single Redis server does.
 */
public final class InstantNodes implements AutoCloseable {
    /** Contexts are opaque to the client; a real one over 3 nodes is a few tens of bytes. */
    private static final byte[] CONTEXT = new byte[40];
    private static final int FRAME_BYTES_MAX = 4 << 20;
    private static final int PARTITIONS = 256;
    private static final int REPLICATION_FACTOR = 3;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("instant-node", false), NioIoHandler.newFactory());
    private final ConcurrentHashMap<Key, byte[]> values = new ConcurrentHashMap<>();
    private final long keysMax;
    private final long answerDelayMicros;
    private final List<Channel> servers = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private final ClusterDescription description;

    /**
     * Binds {@code count} nodes {@code n1..} on 127.0.0.1 from {@code basePort} up (0: ports the
     * kernel picks), holding at most {@code keysMax} keys, each answer sent {@code answerDelayMicros}
     * after its request (0: at once).
     *
     * @throws IllegalStateException when a port cannot be bound
     */
    public InstantNodes(int count, int basePort, long keysMax, long answerDelayMicros) {
        if (count < 1 || count > 64) throw new IllegalArgumentException("--nodes must be 1..64, was " + count);
        if (keysMax < 1) throw new IllegalArgumentException("--keys-max must be at least 1, was " + keysMax);
        if (answerDelayMicros < 0) throw new IllegalArgumentException("--delay must not be negative");
        this.keysMax = keysMax;
        this.answerDelayMicros = answerDelayMicros;
        String[] names = new String[count];
        try {
            for (int i = 0; i < count; i++) {
                names[i] = "n" + (i + 1);
                String name = names[i];
                Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel channel) {
                                channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(4 + FRAME_BYTES_MAX, 0, 4, 0, 4), new Connection(name));
                            }
                        })
                        .bind(new InetSocketAddress("127.0.0.1", basePort == 0 ? 0 : basePort + i)).syncUninterruptibly().channel();
                servers.add(server);
                addresses.add("127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
            }
        } catch (Exception e) { // Netty rethrows the bind's own BindException, checked or not
            close();
            throw new IllegalStateException("cannot serve on 127.0.0.1 from port " + basePort + ": " + e.getMessage(), e);
        }
        this.description = new ClusterDescription(names, addresses.toArray(String[]::new), PARTITIONS, REPLICATION_FACTOR);
    }

    /** {@code host:port,...} of the nodes, as {@code --cluster} and {@code chorus.hosts} take them. */
    public String seeds() {
        return String.join(",", addresses);
    }

    /** The answer to one request, on the event loop; {@code self} names the answering node (shared, never changed). */
    private ClientResponse answer(ClientRequest request, String[] self) {
        if (request instanceof DescribeCluster) return description;
        if (request instanceof Get get) {
            byte[] value = values.get(get.key());
            return new GetResult(value == null ? new byte[0][] : new byte[][]{value}, CONTEXT, self, false, null);
        }
        if (request instanceof Put put) {
            if (values.size() >= keysMax && !values.containsKey(put.key())) {
                return new Failure(ErrorKind.OVERLOADED, "the instant nodes hold " + keysMax + " keys already (--keys-max); nothing was stored");
            }
            values.put(put.key(), put.value());
            return new WriteResult(CONTEXT, false, self);
        }
        if (request instanceof Delete delete) {
            values.remove(delete.key());
            return new WriteResult(CONTEXT, false, self);
        }
        return new Failure(ErrorKind.INVALID_REQUEST, "the instant nodes answer get, put and delete only, not " + request.getClass().getSimpleName());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly(); // closes the servers and every connection
    }

    /** One per connection: the codec is not thread-safe, and the first frame is the client's greeting. */
    private final class Connection extends SimpleChannelInboundHandler<ByteBuf> {
        private final String node;
        private final String[] self; // the replicas a receipt names: this node alone
        private final Codec codec = new Codec(FRAME_BYTES_MAX);
        private boolean greeted;

        Connection(String node) {
            this.node = node;
            this.self = new String[]{node};
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            if (!greeted) {
                greeted = true;
                if (!(GreetingCodec.decode(bytes) instanceof Greeting.ClientHello)) { // a peer or garbage: not for us
                    ctx.close();
                    return;
                }
                send(ctx, GreetingCodec.encode(new Greeting.Welcome(Greeting.PROTOCOL_VERSION, "chorus", node)), 0);
                return;
            }
            Message message = codec.decode(bytes);
            if (!(message instanceof ClientFrame request)) {
                ctx.close();
                return;
            }
            byte[] reply = codec.encode(new ClientReply(request.requestId(), answer(request.request(), self)));
            send(ctx, reply, request.request() instanceof DescribeCluster ? 0 : answerDelayMicros);
        }

        private void send(ChannelHandlerContext ctx, byte[] payload, long delayMicros) {
            Runnable write = () -> ctx.write(ctx.alloc().buffer(4 + payload.length).writeInt(payload.length).writeBytes(payload));
            if (delayMicros == 0) {
                write.run(); // flushed once per read batch, below
            } else {
                ctx.executor().schedule(() -> {
                    write.run();
                    ctx.flush();
                }, delayMicros, TimeUnit.MICROSECONDS);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // an undecodable frame: the connection is of no further use
        }
    }
}
