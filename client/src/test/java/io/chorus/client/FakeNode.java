package io.chorus.client;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.DescribeCluster;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for a Chorus node in tests: a Netty server on 127.0.0.1 speaking the real framing and
 * codec, answering {@code DescribeCluster} with the description it was given and every other
 * request with its script. It records what it received, and can be told to stay silent or to hang
 * up on a request.
 */
final class FakeNode implements AutoCloseable {
    enum Behaviour { ANSWER, SILENT, HANG_UP }

    private final String name;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-node", true), NioIoHandler.newFactory());
    private final List<ClientRequest> received = new ArrayList<>();
    private final Channel server;
    private volatile Function<ClientRequest, ClientResponse> script;
    private volatile ClusterDescription description;
    private volatile Function<ClientRequest, Behaviour> behaviour = request -> Behaviour.ANSWER;
    private volatile long answerDelayMillis;

    FakeNode(String name, Function<ClientRequest, ClientResponse> script) {
        this.name = name;
        this.script = script;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(4 + (2 << 20), 0, 4, 0, 4), new RequestHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    String hostPort() {
        return "127.0.0.1:" + address().getPort();
    }

    void describeAs(ClusterDescription description) {
        this.description = description;
    }

    void behave(Behaviour behaviour) {
        this.behaviour = request -> behaviour;
    }

    /** Behaves as {@code perRequest} says for each request (for example: hang up on the first attempt only). */
    void behave(Function<ClientRequest, Behaviour> perRequest) {
        this.behaviour = perRequest;
    }

    /** Answers every request this much later (a slow node); 0: at once. */
    void delayAnswers(long millis) {
        this.answerDelayMillis = millis;
    }

    void script(Function<ClientRequest, ClientResponse> script) {
        this.script = script;
    }

    /** Requests received, DescribeCluster excluded. */
    List<ClientRequest> received() {
        synchronized (received) {
            return received.stream().filter(r -> !(r instanceof DescribeCluster)).toList();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly(); // closes the server and every connection
    }

    /** One per connection, so each connection has its own codec (the codec is not thread-safe). */
    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Codec codec = new Codec();
        private boolean greeted;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (!greeted) { // the client's hello: welcome whoever it is
                greeted = true;
                io.chorus.replication.message.GreetingCodec.decode(ByteBufUtil.getBytes(frame));
                byte[] welcome = io.chorus.replication.message.GreetingCodec.encode(new io.chorus.replication.message.Greeting.Welcome(
                        io.chorus.replication.message.Greeting.PROTOCOL_VERSION, "chorus", "fake"));
                ctx.writeAndFlush(ctx.alloc().buffer(4 + welcome.length).writeInt(welcome.length).writeBytes(welcome));
                return;
            }
            ClientFrame request = (ClientFrame) codec.decode(ByteBufUtil.getBytes(frame));
            ClientResponse response;
            if (request.request() instanceof DescribeCluster) {
                response = description != null ? description
                        : new io.chorus.replication.message.Failure(io.chorus.replication.message.ErrorKind.INVALID_REQUEST, "unknown request DescribeCluster");
            } else {
                synchronized (received) {
                    received.add(request.request());
                }
                Behaviour now = behaviour.apply(request.request());
                if (now == Behaviour.SILENT) return;
                if (now == Behaviour.HANG_UP) {
                    ctx.close();
                    return;
                }
                response = script.apply(request.request());
            }
            byte[] bytes = codec.encode(new ClientReply(request.requestId(), response));
            Runnable answer = () -> ctx.writeAndFlush(ctx.alloc().buffer(4 + bytes.length).writeInt(bytes.length).writeBytes(bytes));
            long delay = request.request() instanceof DescribeCluster ? 0 : answerDelayMillis;
            if (delay > 0) {
                ctx.executor().schedule(answer, delay, TimeUnit.MILLISECONDS);
            } else {
                answer.run();
            }
        }
    }
}
