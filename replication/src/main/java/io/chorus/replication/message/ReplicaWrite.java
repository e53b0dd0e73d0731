package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Coordinator to replica: merge {@code state} (a minted delta, a CRDT delta, or a whole state) into
 * what you hold for {@code key}. Idempotent, so it is also the read-repair and anti-entropy message;
 * {@code ackWanted} is false for those. {@code durable}: acknowledge only once it is fsynced.
 */
public record ReplicaWrite(long opId, Key key, KeyState siblings, boolean ackWanted, boolean durable) implements PeerMessage {
    /** A repair: merged, never acknowledged, not synced on its own. */
    public static ReplicaWrite repair(Key key, KeyState state) {
        return new ReplicaWrite(0, key, state, false, false);
    }
}
