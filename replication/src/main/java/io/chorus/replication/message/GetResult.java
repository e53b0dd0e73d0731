package io.chorus.replication.message;

/**
 * The live values of a key (empty: not found or deleted), one per concurrent sibling, in a
 * deterministic order, and the opaque causal context to write back with.
 */
public record GetResult(byte[][] values, byte[] context) implements ClientResponse {
    public boolean found() {
        return values.length > 0;
    }
}
