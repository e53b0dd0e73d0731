package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Anti-entropy, step 3: "send me your state of these keys" (answered with repair {@link ReplicaWrite}s). */
public record PullKeys(Key[] keys) implements PeerMessage {
}
