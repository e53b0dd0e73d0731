package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Replica to coordinator: the merged value is in storage ({@code error} null), or why not. */
public record ReplicaWriteAck(long opId, Key key, String error) implements CoordinatorReply {
    public boolean ok() {
        return error == null;
    }
}
