package io.chorus.replication.coordinate;

import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.KeyState;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a request's session token grows with what it saw. A write adds one proof set: the replicas
 * that stored it before the answer (its minter and the primaries that acknowledged it), any of
 * which holds it from then on. A read adds the replicas whose reply was the whole answer (any of
 * them holds it), or, when no single reply was, every replica that answered, each a set of its own
 * (the answer is the join of them all).
 */
final class SessionTokens {
    private SessionTokens() {
    }

    /** Null when the request carried no token. */
    static SessionToken afterRead(SessionToken session, int partition, ReadTally tally, Map<NodeId, Long> epochs) {
        if (session == null) return null;
        KeyState merged = tally.response();
        TreeMap<NodeId, Long> whole = new TreeMap<>();
        for (Map.Entry<NodeId, KeyState> reply : tally.replies().entrySet()) {
            if (reply.getValue().equals(merged)) whole.put(reply.getKey(), epochs.get(reply.getKey()));
        }
        if (!whole.isEmpty()) return session.withAnyOf(whole, partition);
        SessionToken after = session;
        for (NodeId node : tally.replies().keySet()) after = after.with(node, epochs.get(node), partition);
        return after;
    }

    /** {@code holders}: the replicas that stored the write before the answer, with their epochs. */
    static SessionToken afterWrite(SessionToken session, int partition, Map<NodeId, Long> holders) {
        return session == null ? null : session.withAnyOf(holders, partition);
    }
}
