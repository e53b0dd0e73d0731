package io.chorus.replication.message;

import io.chorus.replication.replica.Siblings;

/** Replica to coordinator: what it holds for {@code key} ({@link Siblings#empty()} if nothing). */
public record ReplicaReadResult(long opId, Key key, Siblings siblings) implements PeerMessage {
}
