package io.chorus.replication.message;

/**
 * The live values of a key (empty: not found or deleted), one per concurrent sibling, in a
 * deterministic order, and the opaque causal context to write back with. For the client's receipt:
 * {@code answeredBy}, the names of the replicas whose answers were merged (empty: not told), and
 * {@code readRepair}, whether some of them were behind the merge and get it sent (read repair).
 */
public record GetResult(byte[][] values, byte[] context, String[] answeredBy, boolean readRepair) implements ClientResponse {
    /** A result that tells nothing about the replicas behind it. */
    public GetResult(byte[][] values, byte[] context) {
        this(values, context, new String[0], false);
    }

    public boolean found() {
        return values.length > 0;
    }
}
