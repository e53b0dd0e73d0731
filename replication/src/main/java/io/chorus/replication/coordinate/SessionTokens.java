package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.KeyState;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a request's session token grows with what it saw. A write adds one proof set: the replicas
 * that stored it before the answer (its minter and the primaries that acknowledged it), any of
 * which holds it from then on. A read adds the replicas whose reply was the whole answer and those
 * its blocking read repair brought up to it (any of them holds it), or, when there are none, every
 * replica that answered, each a set of its own (the answer is the join of them all).
 */
final class SessionTokens {
    private SessionTokens() {
    }

    /**
     * The token after a read that answered {@code answer} from {@code replies} ({@code epochs}: each
     * replier's), {@code repairedIn} holding the replicas a blocking repair brought up to it, with
     * their epochs then. Null when the request carried no token.
     */
    static SessionToken afterRead(SessionToken session, int partition, KeyState answer, Map<NodeId, KeyState> replies,
                                  Map<NodeId, Long> epochs, Map<NodeId, Long> repairedIn) {
        if (session == null) return null;
        TreeMap<NodeId, Long> whole = new TreeMap<>(repairedIn);
        for (Map.Entry<NodeId, KeyState> reply : replies.entrySet()) {
            if (reply.getValue().equals(answer)) whole.putIfAbsent(reply.getKey(), epochs.get(reply.getKey()));
        }
        if (whole.containsValue(null) || !epochs.keySet().containsAll(replies.keySet())) {
            throw Invariants.violated("a read's token from replies %s without the epoch of each (%s, repaired %s)", replies.keySet(), epochs, repairedIn);
        }
        if (!whole.isEmpty()) return session.withAnyOf(whole, partition);
        SessionToken after = session;
        for (NodeId node : replies.keySet()) after = after.with(node, epochs.get(node), partition);
        return after;
    }

    /** {@code holders}: the replicas that stored the write before the answer, with their epochs. */
    static SessionToken afterWrite(SessionToken session, int partition, Map<NodeId, Long> holders) {
        return session == null ? null : session.withAnyOf(holders, partition);
    }
}
