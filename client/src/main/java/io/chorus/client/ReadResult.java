package io.chorus.client;

import java.util.List;
import java.util.Objects;

/**
 * What a read returned: the key's live values, one per concurrent version (sibling), in the order
 * the node gave them, and the causal context to write back with. No values means the key was not
 * found or was deleted; the context may still be non-empty then (it covers the tombstone).
 *
 * <p>More than one value means concurrent writes: resolve them by writing one value back with
 * {@link #context()}, which supersedes every sibling read here. The list is immutable; the arrays
 * are the client's own copies, so a caller may keep them (but should not modify them if it shares
 * the result).
 *
 * @param values  the sibling values, empty when not found
 * @param context what this read has seen; pass it to the next put or delete of this key
 * @param receipt how the read was made: coordinator, replicas that answered, read repair
 */
public record ReadResult(List<byte[]> values, Context context, Receipt receipt) {
    public ReadResult {
        values = List.copyOf(values);
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** A result with no receipt ({@link Receipt#NONE}). */
    public ReadResult(List<byte[]> values, Context context) {
        this(values, context, Receipt.NONE);
    }

    /** True when the key holds at least one live value. */
    public boolean found() {
        return !values.isEmpty();
    }

    /** True when concurrent writes left more than one value. */
    public boolean hasSiblings() {
        return values.size() > 1;
    }
}
