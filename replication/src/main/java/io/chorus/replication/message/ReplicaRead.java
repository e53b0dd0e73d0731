package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Coordinator to replica: send me what you hold for {@code key}. */
public record ReplicaRead(long opId, Key key) implements PeerMessage {
}
