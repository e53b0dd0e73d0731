package io.chorus.replication.coordinate;

import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.KeyState;

import java.util.Map;

/**
 * How a request's session token grows with what it saw. A write adds its minter (whose state holds
 * the write from then on). A read adds the replicas whose states make up its answer: one that
 * alone holds the whole merge if there is one (fewer nodes to ask next time), else every replica
 * that answered.
 */
final class SessionTokens {
    private SessionTokens() {
    }

    /** Null when the request carried no token. */
    static SessionToken afterRead(SessionToken session, int partition, ReadTally tally, Map<NodeId, Long> epochs) {
        if (session == null) return null;
        KeyState merged = tally.response();
        NodeId whole = null;
        for (Map.Entry<NodeId, KeyState> reply : tally.replies().entrySet()) {
            if (!reply.getValue().equals(merged)) continue;
            NodeId node = reply.getKey();
            if (whole == null || session.requiredFor(partition).containsKey(node)) whole = node; // prefer a node already named
        }
        SessionToken after = session;
        if (whole != null) return after.with(whole, epochs.get(whole), partition);
        for (NodeId node : tally.replies().keySet()) after = after.with(node, epochs.get(node), partition);
        return after;
    }

    static SessionToken afterWrite(SessionToken session, int partition, NodeId holder, long epoch) {
        return session == null ? null : session.with(holder, epoch, partition);
    }
}
