package io.chorus.node.net;

import io.chorus.node.security.GreetingCounters;
import io.chorus.node.security.Permission;
import io.chorus.node.security.User;
import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.Delete;
import io.chorus.replication.message.DescribeCluster;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.Get;
import io.chorus.replication.message.Put;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a connection whose client authenticated as {@code user}: lets through the requests the user's
 * permissions allow and answers the others {@code Unauthorized} at once (counted; the connection
 * stays open). Reads need {@code read}, writes {@code write}; describing the cluster needs only a
 * login (a client must route); a request kind this class does not know needs {@code admin}.
 */
final class Authorization extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Authorization.class);

    private final User user;
    private final GreetingCounters counters;

    Authorization(User user, GreetingCounters counters) {
        this.user = user;
        this.counters = counters;
    }

    /** The permission {@code request} needs, or null when any authenticated user may send it. */
    static Permission needed(ClientRequest request) {
        if (request instanceof Get || request instanceof CrdtGet) return Permission.READ;
        if (request instanceof Put || request instanceof Delete || request instanceof CrdtUpdate) return Permission.WRITE;
        if (request instanceof DescribeCluster) return null;
        return Permission.ADMIN;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ClientFrame frame && frame.request() != null) {
            Permission permission = needed(frame.request());
            if (permission != null && !permission.grantedBy(user.permissions())) {
                counters.requestsUnauthorized.increment();
                log.debug("refused a {} from user '{}' at {}: no {} permission", frame.request().getClass().getSimpleName(), user.name(),
                        ctx.channel().remoteAddress(), permission);
                ctx.writeAndFlush(new ClientReply(frame.requestId(), new Failure(ErrorKind.UNAUTHORIZED, "user '" + user.name()
                        + "' lacks the " + permission.name().toLowerCase(java.util.Locale.ROOT) + " permission")), ctx.voidPromise());
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
