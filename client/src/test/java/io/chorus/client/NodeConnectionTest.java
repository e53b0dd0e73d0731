package io.chorus.client;

import io.chorus.replication.message.Get;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeConnectionTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("test-client", true), NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Connecting on loopback from port P to port P, where nobody listens, is TCP's simultaneous
     * open: the kernel joins the socket to itself. The client picked such a port by chance in CI
     * (a stopped node on an ephemeral port) and waited out the request timeout talking to itself;
     * forcing the source port makes that chance certain.
     */
    @Test
    void aConnectionThatLoopsBackToItselfIsRefusedNotWaitedOn() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", freePort());
        Bootstrap fromTheSamePort = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .localAddress(nobody)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new ClientGreeting(ClientSecurity.NONE, "test"));
                    }
                });
        NodeConnection connection = new NodeConnection(fromTheSamePort, nobody, 0);

        ExecutionException e = assertThrows(ExecutionException.class, () -> connection
                .send(new Get(Key.of("k"), Consistency.ONE.code()), false)
                .get(5, TimeUnit.SECONDS));

        NotDelivered notDelivered = assertInstanceOf(NotDelivered.class, e.getCause());
        assertFalse(notDelivered.sent(), "a looped-back request reached no node");
        assertTrue(notDelivered.getMessage().contains("looped back"), notDelivered.getMessage());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
