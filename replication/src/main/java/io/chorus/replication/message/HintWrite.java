package io.chorus.replication.message;

import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

/**
 * Coordinator to fallback: {@code target}, a primary of {@code key}, is down or did not answer in
 * time; keep {@code siblings} for it (a hint) and hand it over when it is back. Answered with a
 * {@link ReplicaWriteAck} once the hint is in storage (fsynced when {@code durable}), or with an error
 * when the fallback cannot keep it (its hint limits are reached). An acknowledged hint counts toward
 * W only in a sloppy quorum.
 */
public record HintWrite(long opId, Key key, KeyState siblings, NodeId target, boolean durable) implements PeerMessage {
}
