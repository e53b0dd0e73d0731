package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/** Replica to coordinator: what it holds for {@code key} ({@link KeyState#empty()} if nothing). */
public record ReplicaReadResult(long opId, Key key, KeyState siblings) implements CoordinatorReply {
}
