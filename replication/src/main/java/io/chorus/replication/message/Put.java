package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/**
 * Write {@code value} under {@code key}. {@code context} (opaque, from an earlier read; null or
 * empty for none) names the versions this write supersedes; without one, the value becomes a
 * sibling of whatever the key holds. {@code consistency} is a {@code Consistency} code; {@code durable}
 * asks that the write be acknowledged only once that many replicas have it on disk (fsync).
 */
public record Put(Key key, byte[] value, byte[] context, byte consistency, boolean durable) implements ClientRequest {
}
