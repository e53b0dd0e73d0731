package io.chorus.node.net;

import io.chorus.node.security.CertificateNames;
import io.chorus.node.security.ClusterSecret;
import io.chorus.node.security.NodeSecurity;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.ring.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.util.Set;

/**
 * The dialing side of a peer greeting, on an outgoing {@link PeerLink}: says {@link Greeting.PeerHello}
 * with a fresh nonce, checks that the acceptor proves the cluster secret (and, with TLS, that its
 * certificate names the peer this link is for), proves the secret in turn, and waits for
 * {@link Greeting.Welcome}. {@link #greeted} completes then, or fails with the reason; the link
 * sends nothing before. Mutual: a node never sends replica traffic to an impostor either.
 */
final class DialerGreeting extends ChannelInboundHandlerAdapter {
    static final String NAME = "greeting";
    /** The member an outgoing connection is meant to reach (set on the link's bootstrap). */
    static final AttributeKey<NodeId> PEER = AttributeKey.valueOf("chorus.peer");

    private final NodeId self;
    private final NodeSecurity security;
    private ChannelPromise greeted;
    private NodeId peer;
    private byte[] nonce;
    private boolean challenged;

    DialerGreeting(NodeId self, NodeSecurity security) {
        this.self = self;
        this.security = security;
    }

    /** Succeeds once the peer welcomed this connection; fails (and the channel closes) otherwise. */
    static Future<Void> greeted(Channel channel) {
        DialerGreeting greeting = channel.pipeline().get(DialerGreeting.class);
        assert greeting != null : "greeted() after the greeting finished";
        return greeting.greeted;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        greeted = ctx.newPromise();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peer = ctx.channel().attr(PEER).get();
        assert peer != null : "a peer link's bootstrap names its peer";
        nonce = security.nonce(Greeting.NONCE_BYTES);
        ctx.writeAndFlush(GreetingFrames.frame(ctx.alloc(), new Greeting.PeerHello(Greeting.PROTOCOL_VERSION, security.clusterName(),
                self.name(), nonce)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Greeting greeting;
        try {
            greeting = GreetingFrames.read(frame);
        } finally {
            frame.release();
        }
        if (greeting instanceof Greeting.Refused refused) {
            security.counters().refusedByOther.increment();
            fail(ctx, peer + " refused this node: " + refused.reason());
        } else if (!challenged && greeting instanceof Greeting.PeerChallenge challenge) {
            onChallenge(ctx, challenge);
        } else if (challenged && greeting instanceof Greeting.Welcome welcome) {
            onWelcome(ctx, welcome);
        } else {
            security.counters().badGreeting.increment();
            fail(ctx, peer + " sent an unexpected " + greeting.getClass().getSimpleName() + " during the greeting");
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, Greeting.PeerChallenge challenge) {
        challenged = true;
        String unproven = unprovenCertificate(ctx);
        ClusterSecret secret = security.secret();
        if (unproven == null && secret != null && !ClusterSecret.matches(secret.proof(ClusterSecret.Role.ACCEPTOR, security.clusterName(),
                self.name(), peer.name(), nonce, challenge.nonce()), challenge.proof())) {
            unproven = "wrong proof of the cluster secret (is peer.secretFile the same file on every node?)";
        }
        if (unproven != null) {
            security.counters().peerUnproven.increment();
            fail(ctx, "the node at " + ctx.channel().remoteAddress() + " is not proven to be " + peer + ": " + unproven);
            return;
        }
        byte[] proof = secret == null ? new byte[0] : secret.proof(ClusterSecret.Role.DIALER, security.clusterName(), self.name(),
                peer.name(), nonce, challenge.nonce());
        ctx.writeAndFlush(GreetingFrames.frame(ctx.alloc(), new Greeting.PeerProof(proof)));
    }

    private String unprovenCertificate(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) return null;
        try {
            Set<String> names = CertificateNames.of(tls.engine().getSession().getPeerCertificates());
            return names.contains(peer.name()) ? null : "its certificate is for " + names;
        } catch (SSLPeerUnverifiedException e) {
            return "it presented no certificate";
        }
    }

    private void onWelcome(ChannelHandlerContext ctx, Greeting.Welcome welcome) {
        if (welcome.version() != Greeting.PROTOCOL_VERSION) {
            security.counters().wrongVersion.increment();
            fail(ctx, peer + " speaks protocol version " + welcome.version() + ", this node " + Greeting.PROTOCOL_VERSION);
        } else if (!welcome.cluster().equals(security.clusterName()) || !welcome.node().equals(peer.name())) {
            security.counters().wrongCluster.increment();
            fail(ctx, "the node at " + ctx.channel().remoteAddress() + " is " + welcome.node() + " of cluster '" + welcome.cluster()
                    + "', not " + peer + " of cluster '" + security.clusterName() + "'");
        } else {
            ctx.pipeline().remove(GreetingFrames.NAME);
            ctx.pipeline().remove(this);
            greeted.setSuccess();
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        greeted.tryFailure(new GreetingFailedException(reason));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        greeted.tryFailure(new GreetingFailedException("the connection closed during the greeting"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (TlsFailures.isTlsFailure(cause)) {
            security.counters().tlsFailed.increment();
            fail(ctx, "TLS handshake failed: " + TlsFailures.describe(cause));
        } else {
            String badInput = FrameErrors.describeBadInput(cause);
            fail(ctx, badInput != null ? badInput : cause.toString());
        }
    }

    /** Why a peer greeting failed, as the link logs it. */
    static final class GreetingFailedException extends Exception {
        GreetingFailedException(String reason) {
            super(reason, null, false, false);
        }
    }
}
