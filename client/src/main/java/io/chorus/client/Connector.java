package io.chorus.client;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds a connected {@link ChorusClient}: starts its event loop group, asks the seeds in order to
 * describe the cluster, and turns the first description into a ring and a connection per node.
 * Whatever it started is released again if connecting fails.
 */
final class Connector {
    /** The node a connection is for, known to its pipeline before it connects (TLS checks the name). */
    private static final io.netty.util.AttributeKey<InetSocketAddress> NODE_ADDRESS = io.netty.util.AttributeKey.valueOf("chorus.node");
    private final ClientSettings settings;
    private final CallPolicy policy;
    private final Map<InetSocketAddress, NodeConnection> connections = new LinkedHashMap<>();
    private final ClientTransport transport = ClientTransport.best();
    private EventLoopGroup group;
    private Bootstrap bootstrap;

    Connector(ClientSettings settings, CallPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    ChorusClient connect() {
        group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("chorus-client", true), transport.ioHandlerFactory());
        try {
            bootstrap = bootstrap();
            ClusterView cluster = discover();
            for (NodeConnection unused : connections.values()) {
                if (!cluster.nodes().contains(unused)) unused.close(); // a seed that is not a member (an alias)
            }
            return new ChorusClient(group, cluster, settings, policy);
        } catch (RuntimeException | Error e) {
            connections.values().forEach(NodeConnection::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    private Bootstrap bootstrap() {
        int frameBytesMax = settings.frameBytesMax();
        int inFlightMax = settings.inFlightPerConnectionMax();
        SslContext sslContext = settings.security().sslContext();
        return new Bootstrap()
                .group(group)
                .channel(transport.channel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        InetSocketAddress remote = channel.attr(NODE_ADDRESS).get(); // not connected yet: no remoteAddress()
                        if (sslContext != null) channel.pipeline().addLast(sslContext.newHandler(channel.alloc(), remote.getHostString(), remote.getPort()));
                        channel.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(4 + frameBytesMax, 0, 4, 0, 4),
                                new ClientGreeting(settings.security(), Addresses.text(remote)),
                                new ReplyHandler(frameBytesMax, inFlightMax));
                    }
                });
    }

    private NodeConnection connection(InetSocketAddress address) {
        return connections.computeIfAbsent(address, a -> new NodeConnection(bootstrap.clone().attr(NODE_ADDRESS, a), a, settings.reconnectBackoffNanos(),
                new CircuitBreaker(settings.breakerFailuresToOpen(), settings.breakerOpenMillis())));
    }

    /** The first seed's description as a ring; no description but an answer: route to any seed. */
    private ClusterView discover() {
        List<String> failures = new ArrayList<>();
        boolean anyAnswered = false;
        for (InetSocketAddress seed : settings.seeds()) {
            NodeConnection node = connection(seed);
            try {
                ClientResponse response = describe(node);
                anyAnswered = true;
                if (response instanceof ClusterDescription description) return ringView(description);
                failures.add(node.label() + ": " + (response instanceof Failure f ? f.toString() : "answered " + response.getClass().getSimpleName()));
            } catch (ChorusException e) {
                if (e.kind() == ErrorKind.UNAUTHORIZED || e.kind() == ErrorKind.INVALID_REQUEST) throw e; // every node would say the same
                failures.add(node.label() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                failures.add(node.label() + ": described an unusable cluster: " + e.getMessage());
            }
        }
        if (!anyAnswered) {
            throw new ChorusException(ErrorKind.UNAVAILABLE, "no seed reachable (" + String.join("; ", failures) + ")");
        }
        return ClusterView.ofUnknownRing(List.copyOf(connections.values()));
    }

    private ClientResponse describe(NodeConnection node) {
        CallOptions options = new CallOptions(settings.requestTimeoutMillis(), 0, false, false);
        RequestCall call = new RequestCall(new DescribeCluster(), false, List.of(node), options, policy, group.next());
        call.start();
        try {
            return call.result.get(settings.requestTimeoutMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChorusException failed) throw failed;
            throw new IllegalStateException("describing the cluster failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChorusException(ErrorKind.UNAVAILABLE, "interrupted while connecting", e);
        } catch (TimeoutException e) {
            throw new AssertionError("DescribeCluster outlived its own deadline", e);
        }
    }

    /** @throws IllegalArgumentException when the description cannot make a ring */
    private ClusterView ringView(ClusterDescription description) {
        String[] names = description.nodeNames();
        String[] addresses = description.clientAddresses();
        if (names.length == 0 || names.length != addresses.length) {
            throw new IllegalArgumentException(names.length + " node names for " + addresses.length + " addresses");
        }
        if (description.replicationFactor() < 1) {
            throw new IllegalArgumentException("replication factor " + description.replicationFactor());
        }
        Map<NodeId, NodeConnection> byNode = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            NodeConnection node = connection(Addresses.parse(addresses[i]));
            node.name(names[i]);
            byNode.put(NodeId.of(names[i]), node);
        }
        Ring ring = Ring.create(List.copyOf(byNode.keySet()), description.partitions());
        return ClusterView.ofRing(ring, description.replicationFactor(), byNode);
    }
}
