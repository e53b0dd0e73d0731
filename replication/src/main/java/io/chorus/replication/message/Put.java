package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/**
 * Write {@code value} under {@code key}. {@code context} (opaque, from an earlier read; null or
 * empty for none) names the versions this write supersedes; without one, the value becomes a
 * sibling of whatever the key holds.
 */
public record Put(Key key, byte[] value, byte[] context, String consistency) implements ClientRequest {
}
