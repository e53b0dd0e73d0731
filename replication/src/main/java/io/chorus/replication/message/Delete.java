package io.chorus.replication.message;

/** Write a tombstone over the versions {@code context} has seen (null: over nothing seen). */
public record Delete(Key key, byte[] context, String consistency) implements ClientRequest {
}
