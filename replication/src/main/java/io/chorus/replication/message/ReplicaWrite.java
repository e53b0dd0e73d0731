package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Coordinator to replica: merge {@code siblings} into what you hold for {@code key}. Idempotent, so
 * it is also the read-repair message; {@code ackWanted} is false for repairs.
 */
public record ReplicaWrite(long opId, Key key, KeyState siblings, boolean ackWanted) implements PeerMessage {
}
