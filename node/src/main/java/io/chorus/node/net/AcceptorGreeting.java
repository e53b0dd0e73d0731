package io.chorus.node.net;

import io.chorus.node.security.Authenticator;
import io.chorus.node.security.CertificateNames;
import io.chorus.node.security.ClusterSecret;
import io.chorus.node.security.GreetingCounters;
import io.chorus.node.security.NodeSecurity;
import io.chorus.node.security.User;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.ring.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The accepting side of the greeting ({@link Greeting}): checks the caller's protocol version and
 * cluster name, then proves a peer (certificate name, cluster secret, or loopback for an open local
 * cluster) or authenticates a client (users file), and only then hands the connection to the
 * message pipeline ({@link Handover}). Every refusal answers {@link Greeting.Refused} naming the
 * reason, is counted and logged (never with a secret), and closes the connection. Until the
 * greeting ends nothing but greeting frames is read (see {@link GreetingFrames}).
 */
final class AcceptorGreeting extends ChannelInboundHandlerAdapter {
    static final String NAME = "greeting";
    private static final Logger log = LoggerFactory.getLogger(AcceptorGreeting.class);
    /** Refusals come from whoever connects: at most RateLimitedLog.LINES_PER_SECOND lines a second (they are counted in metrics). */
    private static final RateLimitedLog refusals = new RateLimitedLog(log);

    /** What a welcomed connection becomes: installs the message pipeline in place of the greeting handlers. */
    interface Handover {
        void peer(Channel channel, NodeId peer);

        /** @param user null when clients need not authenticate */
        void client(Channel channel, User user);
    }

    private enum Phase { HELLO, PROOF, CHECKING_PASSWORD, DONE }

    private final NetworkSettings settings;
    private final NodeSecurity security;
    private final Handover handover;
    private Phase phase = Phase.HELLO;
    private Greeting.PeerHello peerHello;
    private byte[] nonce;

    AcceptorGreeting(NetworkSettings settings, NodeSecurity security, Handover handover) {
        this.settings = settings;
        this.security = security;
        this.handover = handover;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.DONE || !(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Greeting greeting;
        try {
            greeting = GreetingFrames.read(frame);
        } finally {
            frame.release();
        }
        if (phase == Phase.HELLO && greeting instanceof Greeting.ClientHello hello) {
            onClientHello(ctx, hello);
        } else if (phase == Phase.HELLO && greeting instanceof Greeting.PeerHello hello) {
            onPeerHello(ctx, hello);
        } else if (phase == Phase.PROOF && greeting instanceof Greeting.PeerProof proof) {
            onPeerProof(ctx, proof);
        } else {
            refuse(ctx, security.counters().badGreeting, ErrorKind.INVALID_REQUEST,
                    "unexpected " + greeting.getClass().getSimpleName() + " while waiting for " + (phase == Phase.PROOF ? "a PeerProof" : "a hello"));
        }
    }

    private boolean versionAndClusterMatch(ChannelHandlerContext ctx, int version, String cluster, boolean peer) {
        GreetingCounters counters = security.counters();
        if (version != Greeting.PROTOCOL_VERSION) {
            refuse(ctx, counters.wrongVersion, ErrorKind.INVALID_REQUEST, "protocol version " + version + " is not spoken here: "
                    + settings.self() + " speaks version " + Greeting.PROTOCOL_VERSION);
            return false;
        }
        if ((peer || !cluster.isEmpty()) && !cluster.equals(security.clusterName())) {
            refuse(ctx, counters.wrongCluster, ErrorKind.INVALID_REQUEST, "wrong cluster: this is " + settings.self() + " of cluster '"
                    + security.clusterName() + "', the caller expects cluster '" + cluster + "'");
            return false;
        }
        return true;
    }

    private void onClientHello(ChannelHandlerContext ctx, Greeting.ClientHello hello) {
        if (!versionAndClusterMatch(ctx, hello.version(), hello.cluster(), false)) return;
        Authenticator authenticator = security.authenticator();
        if (authenticator == null) {
            welcome(ctx, () -> handover.client(ctx.channel(), null));
            return;
        }
        if (hello.user().isEmpty()) {
            refuse(ctx, security.counters().authenticationFailed, ErrorKind.UNAUTHORIZED, settings.self()
                    + " requires a user and password (--user and --password-file)");
            return;
        }
        phase = Phase.CHECKING_PASSWORD;
        authenticator.check(hello.user(), hello.password()).thenAccept(result -> ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) return;
            switch (result.outcome()) {
                case ACCEPTED -> welcome(ctx, () -> handover.client(ctx.channel(), result.user().orElseThrow()));
                case OVERLOADED -> refuse(ctx, security.counters().authenticationFailed, ErrorKind.OVERLOADED,
                        settings.self() + " has too many logins waiting to be checked; retry with backoff");
                case REFUSED -> refuse(ctx, security.counters().authenticationFailed, ErrorKind.UNAUTHORIZED,
                        "wrong user name or password (user '" + hello.user() + "')");
            }
        }));
    }

    private void onPeerHello(ChannelHandlerContext ctx, Greeting.PeerHello hello) {
        if (!versionAndClusterMatch(ctx, hello.version(), hello.cluster(), true)) return;
        String unproven = unprovenPeer(ctx, hello.from());
        if (unproven != null) {
            refuse(ctx, security.counters().peerUnproven, ErrorKind.UNAUTHORIZED, "not accepted as peer '" + hello.from() + "': " + unproven);
            return;
        }
        peerHello = hello;
        nonce = security.nonce(Greeting.NONCE_BYTES);
        ClusterSecret secret = security.secret();
        byte[] proof = secret == null ? new byte[0] : secret.proof(ClusterSecret.Role.ACCEPTOR, security.clusterName(), hello.from(),
                settings.self().name(), hello.nonce(), nonce);
        phase = Phase.PROOF;
        ctx.writeAndFlush(GreetingFrames.frame(ctx.alloc(), new Greeting.PeerChallenge(nonce, proof)));
    }

    /** Why the caller is not (yet) proven to be {@code name}; null when the certificate, or the loopback rule, allows it. */
    private String unprovenPeer(ChannelHandlerContext ctx, String name) {
        if (!settings.peerNames().contains(NodeId.of(name))) return "not another member of this cluster " + settings.peerNames();
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null) {
            Set<String> names;
            try {
                names = CertificateNames.of(tls.engine().getSession().getPeerCertificates());
            } catch (SSLPeerUnverifiedException e) {
                // JSSE treats a client certificate it cannot verify like none when client auth is only wanted
                return "it presented no certificate signed by the cluster CA (tls.caFile)";
            }
            if (!names.contains(name)) return "its certificate is for " + names;
        } else if (security.secret() == null && !isLoopback(ctx.channel())) {
            return "without peer.secretFile or TLS this node accepts peers from loopback addresses only";
        }
        return null;
    }

    private static boolean isLoopback(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                && address.getAddress().isLoopbackAddress();
    }

    private void onPeerProof(ChannelHandlerContext ctx, Greeting.PeerProof proof) {
        ClusterSecret secret = security.secret();
        if (secret != null) {
            byte[] expected = secret.proof(ClusterSecret.Role.DIALER, security.clusterName(), peerHello.from(), settings.self().name(),
                    peerHello.nonce(), nonce);
            if (!ClusterSecret.matches(expected, proof.proof())) {
                refuse(ctx, security.counters().peerUnproven, ErrorKind.UNAUTHORIZED, "not accepted as peer '" + peerHello.from()
                        + "': wrong proof of the cluster secret (is peer.secretFile the same file on every node?)");
                return;
            }
        }
        NodeId peer = NodeId.of(peerHello.from());
        welcome(ctx, () -> handover.peer(ctx.channel(), peer));
    }

    private void welcome(ChannelHandlerContext ctx, Runnable admit) {
        phase = Phase.DONE;
        ctx.writeAndFlush(GreetingFrames.frame(ctx.alloc(), new Greeting.Welcome(Greeting.PROTOCOL_VERSION, security.clusterName(),
                settings.self().name())));
        admit.run();
    }

    private void refuse(ChannelHandlerContext ctx, LongAdder counter, ErrorKind kind, String reason) {
        phase = Phase.DONE;
        counter.increment();
        refusals.info("{}: refused the connection from {}: {}", settings.self(), ctx.channel().remoteAddress(), reason);
        ctx.writeAndFlush(GreetingFrames.frame(ctx.alloc(), new Greeting.Refused(kind, reason))).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (phase == Phase.DONE) {
            ctx.close();
            return;
        }
        if (TlsFailures.isTlsFailure(cause)) { // before the connection-loss check: an SSLException is an IOException
            phase = Phase.DONE;
            security.counters().tlsFailed.increment();
            refusals.info("{}: refused the connection from {}: TLS handshake failed: {}", settings.self(), ctx.channel().remoteAddress(),
                    TlsFailures.describe(cause));
            ctx.close();
            return;
        }
        if (FrameErrors.isConnectionLoss(cause)) {
            ctx.close();
            return;
        }
        String badInput = FrameErrors.describeBadInput(cause);
        refuse(ctx, security.counters().badGreeting, ErrorKind.INVALID_REQUEST, badInput != null ? badInput : cause.toString());
    }
}
