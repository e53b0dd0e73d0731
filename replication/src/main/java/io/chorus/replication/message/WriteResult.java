package io.chorus.replication.message;

/** A put or delete was stored by enough replicas; {@code context} supersedes what was written. */
public record WriteResult(byte[] context) implements ClientResponse {
}
