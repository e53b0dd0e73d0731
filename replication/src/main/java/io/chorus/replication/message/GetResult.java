package io.chorus.replication.message;

/**
 * The live values of a key (empty: not found or deleted), one per concurrent sibling, in a
 * deterministic order, and the opaque causal context to write back with. For the client's receipt:
 * {@code answeredBy}, the names of the replicas whose answers were merged (empty: not told), and
 * {@code readRepair}, whether some of them were behind the merge and get it sent (read repair).
 * {@code session}: the request's session token updated with this read (null when the request carried none).
 */
public record GetResult(byte[][] values, byte[] context, String[] answeredBy, boolean readRepair, byte[] session)
        implements ClientResponse {
    /** A result that tells nothing about the replicas behind it. */
    public GetResult(byte[][] values, byte[] context) {
        this(values, context, new String[0], false, null);
    }

    public GetResult(byte[][] values, byte[] context, String[] answeredBy, boolean readRepair) {
        this(values, context, answeredBy, readRepair, null);
    }

    public boolean found() {
        return values.length > 0;
    }
}
