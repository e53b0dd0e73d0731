package io.chorus.replication.message;

/**
 * The live values of a key (empty: not found or deleted), one per concurrent sibling, in a
 * deterministic order, and the opaque causal context to write back with. {@code session}: the
 * request's session token updated with this read (null when the request carried none).
 */
public record GetResult(byte[][] values, byte[] context, byte[] session) implements ClientResponse {
    public GetResult(byte[][] values, byte[] context) {
        this(values, context, null);
    }

    public boolean found() {
        return values.length > 0;
    }
}
