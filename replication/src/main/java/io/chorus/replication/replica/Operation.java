package io.chorus.replication.replica;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.state.Key;

/**
 * A client request this node coordinates, from the moment it is accepted until it is answered and
 * has done its follow-up work (read repair). Keyed by an op id unique to this node's incarnation.
 */
abstract class Operation {
    final long opId;
    final ClientRef client;
    final long requestId;
    final Key key;
    final Consistency level;
    final long deadlineTick;
    private boolean answered;

    Operation(long opId, ClientRef client, long requestId, Key key, Consistency level, long deadlineTick) {
        this.opId = opId;
        this.client = client;
        this.requestId = requestId;
        this.key = key;
        this.level = level;
        this.deadlineTick = deadlineTick;
    }

    boolean isAnswered() {
        return answered;
    }

    /** Marks the client answered; asserts it happens once. */
    void markAnswered() {
        assert !answered : "op " + opId + " answered twice";
        answered = true;
    }

    /** Nothing more to wait for: the op can be forgotten. */
    abstract boolean isFinished();
}
