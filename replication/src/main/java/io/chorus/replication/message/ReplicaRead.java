package io.chorus.replication.message;

/** Coordinator to replica: send me what you hold for {@code key}. */
public record ReplicaRead(long opId, Key key) implements PeerMessage {
}
