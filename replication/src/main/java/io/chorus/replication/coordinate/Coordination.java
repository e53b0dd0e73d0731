package io.chorus.replication.coordinate;

import io.chorus.replication.Invariants;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.state.Key;

/**
 * A client request this node coordinates, from the moment it is accepted until it is answered and
 * has done its follow-up work (read repair). Keyed by an op id unique to this node's incarnation;
 * the replies of replicas carry it. One subclass per kind of request.
 */
public abstract class Coordination {
    protected final CoordinatorContext context;
    final long opId;
    final ClientRef client;
    final long requestId;
    protected final Key key;
    protected final Consistency level;
    final long startTick;
    private boolean answered;
    protected SessionToken session; // the request's session token; null: none

    protected Coordination(CoordinatorContext context, long opId, ClientRef client, long requestId, Key key, Consistency level) {
        this.context = context;
        this.opId = opId;
        this.client = client;
        this.requestId = requestId;
        this.key = key;
        this.level = level;
        this.startTick = context.tick();
    }

    /** The request carries {@code token} (set before {@link #start}). */
    final void carry(SessionToken token) {
        this.session = token;
    }

    /** The key's partition. */
    protected final int partition() {
        return context.topology().partitionOf(key);
    }

    /** The token to answer with: the request's, plus what this request saw; null if it carried none. */
    protected final byte[] sessionAfter(SessionToken updated) {
        return session == null ? null : updated.encode();
    }

    /** Sends the first requests. */
    abstract void start();

    /** A replica's reply carrying this op id (its key already checked). */
    abstract void onReply(NodeId from, PeerMessage reply);

    /** The deadline passed: answer Timeout if still unanswered, and finish. */
    abstract void onDeadline();

    /** Called on ticks while in flight and older than the read speculation delay. */
    void onSlow() {
    }

    /** Nothing more to wait for: the op can be forgotten. */
    abstract boolean isFinished();

    final long deadlineTick() {
        return startTick + context.config().requestTimeoutTicks();
    }

    final boolean isAnswered() {
        return answered;
    }

    /** The one answer to the client (an invariant: never twice). */
    protected final void answer(ClientResponse response) {
        Invariants.check(!answered, "op %s of request %s answered twice", opId, requestId);
        answered = true;
        context.reply(client, requestId, response);
    }
}
