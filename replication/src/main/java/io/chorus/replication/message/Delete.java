package io.chorus.replication.message;

import io.chorus.replication.state.Key;
/**
 * Write a tombstone over the versions {@code context} has seen (null: over nothing seen).
 * {@code consistency} and {@code durable} as for {@link Put}.
 */
public record Delete(Key key, byte[] context, byte consistency, boolean durable) implements ClientRequest {
}
