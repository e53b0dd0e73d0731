package io.chorus.replication.message;

/**
 * A put, delete or CRDT update was stored by enough replicas; {@code context} supersedes what was
 * written (empty for a CRDT update). {@code durable}: the replicas that acknowledged it had it on
 * disk (fsynced), as a durable write asks; false means it may still be only in their page cache. {@code session}: the request's session token
 * updated with this write (null when the request carried none).
 */
public record WriteResult(byte[] context, boolean durable, byte[] session) implements ClientResponse {
    public WriteResult(byte[] context, boolean durable) {
        this(context, durable, null);
    }
}
