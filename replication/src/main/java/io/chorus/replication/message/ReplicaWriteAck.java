package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/**
 * Replica to coordinator: the merged value is in storage ({@code error} null), or why not.
 * {@code epoch} is the replica's actor epoch when it stored it (0 from a hint store, whose
 * acknowledgements never prove a session's write): a session token names the replicas that
 * acknowledged a write in these epochs.
 */
public record ReplicaWriteAck(long opId, Key key, String error, long epoch) implements CoordinatorReply {
    public ReplicaWriteAck(long opId, Key key, String error) {
        this(opId, key, error, 0);
    }

    public boolean ok() {
        return error == null;
    }
}
