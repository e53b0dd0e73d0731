package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/** Write a tombstone over the versions {@code context} has seen (null: over nothing seen). */
public record Delete(Key key, byte[] context, String consistency) implements ClientRequest {
}
