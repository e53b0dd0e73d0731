package io.chorus.replication.state;

import io.chorus.crdt.clock.Dot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One concurrent version of a key: the dot that minted it and its value, or a tombstone
 * ({@code value} null) left by a delete.
 */
public final class Sibling {
    private final Dot dot;
    private final byte[] value;

    public Sibling(Dot dot, byte[] value) {
        this.dot = Objects.requireNonNull(dot, "dot");
        this.value = value;
    }

    public Dot dot() {
        return dot;
    }

    /** The value bytes (do not modify), or null for a tombstone. */
    public byte[] value() {
        return value;
    }

    public boolean isTombstone() {
        return value == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sibling s && dot.equals(s.dot) && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return dot.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return dot + "=" + (value == null ? "<tombstone>" : value.length + "B");
    }
}
