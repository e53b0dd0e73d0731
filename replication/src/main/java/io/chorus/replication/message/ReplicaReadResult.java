package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Replica to coordinator: what it holds for {@code key} ({@link KeyState#empty()} if nothing), and
 * the actor epoch it answers in ({@code epoch}), which a session token's requirement names.
 */
public record ReplicaReadResult(long opId, Key key, KeyState siblings, long epoch) implements CoordinatorReply {
    public ReplicaReadResult(long opId, Key key, KeyState siblings) {
        this(opId, key, siblings, 0);
    }
}
