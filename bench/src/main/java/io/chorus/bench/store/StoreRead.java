package io.chorus.bench.store;

import java.util.List;

/**
 * The result of a read: the live values (empty: not found), one per concurrent sibling, and the
 * causal context (encoded version vector; empty when nothing was found). Arrays are not copied: do
 * not modify them.
 */
public record StoreRead(List<byte[]> values, byte[] context) {
    public boolean found() {
        return !values.isEmpty();
    }
}
