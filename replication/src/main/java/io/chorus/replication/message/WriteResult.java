package io.chorus.replication.message;

/**
 * A put, delete or CRDT update was stored by enough replicas; {@code context} supersedes what was
 * written (empty for a CRDT update). {@code durable}: the replicas that acknowledged it had it on
 * disk (fsynced), as a durable write asks; false means it may still be only in their page cache.
 * {@code ackedBy}: the names of the replicas whose acknowledgements made the write succeed (empty:
 * not told), for the client's receipt. {@code session}: the request's session token updated with
 * this write (null when the request carried none).
 */
public record WriteResult(byte[] context, boolean durable, String[] ackedBy, byte[] session) implements ClientResponse {
    /** A result that tells nothing about the replicas behind it. */
    public WriteResult(byte[] context, boolean durable) {
        this(context, durable, new String[0], null);
    }

    public WriteResult(byte[] context, boolean durable, String[] ackedBy) {
        this(context, durable, ackedBy, null);
    }
}
