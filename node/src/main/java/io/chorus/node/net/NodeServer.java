package io.chorus.node.net;

import io.chorus.node.HostPort;
import io.chorus.node.pipeline.Inbound;
import io.chorus.node.security.NodeSecurity;
import io.chorus.replication.ring.NodeId;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node's network: one listening port for peers and clients, plus one outgoing link per peer,
 * all on one Netty event loop group (epoll where available). Every connection greets first (TLS
 * before that when configured), and becomes a peer or client connection only once welcomed.
 */
public final class NodeServer {
    static final int CONNECT_TIMEOUT_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);

    private final NetworkSettings settings;
    private final Transport transport;
    private final MultiThreadIoEventLoopGroup group;
    private final Channel serverChannel;
    private final ChannelGroup accepted;
    private final Connections connections;
    private final NodeSecurity security;

    private NodeServer(NetworkSettings settings, Transport transport, MultiThreadIoEventLoopGroup group, Channel serverChannel,
                       ChannelGroup accepted, Connections connections, NodeSecurity security) {
        this.security = security;
        this.settings = settings;
        this.transport = transport;
        this.group = group;
        this.serverChannel = serverChannel;
        this.accepted = accepted;
        this.connections = connections;
    }

    /** Binds the port and starts connecting to every peer; fails (and cleans up) if the port cannot be bound. */
    public static NodeServer start(NetworkSettings settings, Transport transport, Inbound inbound, Connections connections) {
        return start(settings, NodeSecurity.open(io.chorus.replication.message.Greeting.CLUSTER_NAME_DEFAULT), transport, inbound, connections);
    }

    /** As above, with {@code security} deciding who may connect (the greeting) and whether connections use TLS. */
    public static NodeServer start(NetworkSettings settings, NodeSecurity security, Transport transport, Inbound inbound, Connections connections) {
        MultiThreadIoEventLoopGroup group = transport.newGroup("chorus-io-" + settings.self(), settings.ioThreads());
        ChannelGroup accepted = new DefaultChannelGroup("accepted-" + settings.self(), GlobalEventExecutor.INSTANCE);
        ThreadCodecs codecs = new ThreadCodecs(settings.frameBytesMax());
        MessageEncoder encoder = new MessageEncoder(codecs, settings.frameBytesMax());
        Admission admission = new Admission(settings.admission());
        connections.setAdmission(admission);
        int unsentMax = settings.admission().unsentReplyBytesMax();
        AcceptorGreeting.Handover handover = new MessagePipeline(settings, codecs, encoder, inbound, connections, security.counters());
        Channel serverChannel;
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(unsentMax / 2, unsentMax))
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.add(ch);
                            // the gate first: its connection caps and read timeouts also cover connections that never greet
                            ch.pipeline().addLast(ConnectionGate.NAME, new ConnectionGate(admission, connections.counters()));
                            if (security.tls() != null) ch.pipeline().addLast("tls", security.tls().server().newHandler(ch.alloc()));
                            ch.pipeline()
                                    .addLast(GreetingFrames.NAME, new GreetingFrames())
                                    .addLast(AcceptorGreeting.NAME, new AcceptorGreeting(settings, security, handover));
                        }
                    })
                    .bind(settings.listen().host(), settings.listen().port())
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // bind failures arrive as (undeclared) IOExceptions
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw new IllegalStateException(settings.self() + " cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
        }
        NodeServer server = new NodeServer(settings, transport, group, serverChannel, accepted, connections, security);
        server.startLinks(inbound, security, encoder);
        return server;
    }

    private void startLinks(Inbound inbound, NodeSecurity security, MessageEncoder encoder) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                // past limits.peerQueueBytesMax queued for a peer (slow or stuck) its messages are dropped until half drained
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(settings.admission().peerQueueBytesMax() / 2,
                        settings.admission().peerQueueBytesMax()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (security.tls() != null) ch.pipeline().addLast("tls", security.tls().client().newHandler(ch.alloc()));
                        ch.pipeline().addLast(GreetingFrames.NAME, new GreetingFrames())
                                .addLast(DialerGreeting.NAME, new DialerGreeting(settings.self(), security))
                                .addLast("encoder", encoder).addLast("link", PeerLinkHandler.INSTANCE);
                    }
                });
        Map<NodeId, PeerLink> links = new LinkedHashMap<>();
        for (Map.Entry<NodeId, HostPort> peer : settings.peers().entrySet()) {
            links.put(peer.getKey(), new PeerLink(settings.self(), peer.getKey(), peer.getValue(), bootstrap, group.next(), inbound));
        }
        connections.setLinks(links);
        links.values().forEach(PeerLink::start);
    }

    /** The address actually bound (the real port when the config asked for an ephemeral one). */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public String transportName() {
        return transport.name();
    }

    /** Stops accepting connections; open ones keep working (so replies being drained still go out). */
    public void stopAccepting() {
        serverChannel.close().syncUninterruptibly();
    }

    /** Closes every link and connection and stops the event loops. */
    public void close() {
        stopAccepting();
        connections.links().values().forEach(PeerLink::close);
        accepted.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        security.close();
        if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            log.warn("{}: network threads did not stop within 5 s", settings.self());
        }
    }
}
