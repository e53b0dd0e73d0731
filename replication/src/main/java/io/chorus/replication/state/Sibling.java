package io.chorus.replication.state;

import io.chorus.crdt.clock.Dot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One concurrent version of a key: the dot that minted it and its value, or a tombstone
 * ({@code value} null) left by a delete. A value put with a TTL carries its expiry: an absolute
 * wall-clock time fixed once by the coordinator of the put, which travels with the dot everywhere
 * (replica writes, hints, repairs, storage), so every replica holds the very same sibling whatever
 * its own clock says. A dot names exactly one sibling: one value and one expiry.
 */
public final class Sibling {
    /** {@link #expiresAtMillis()} of a value that never expires (and of every tombstone). */
    public static final long NEVER = 0;

    private final Dot dot;
    private final byte[] value;
    private final long expiresAtMillis;

    public Sibling(Dot dot, byte[] value) {
        this(dot, value, NEVER);
    }

    /** @param expiresAtMillis wall-clock millis from which the value is expired; {@link #NEVER} for none */
    public Sibling(Dot dot, byte[] value, long expiresAtMillis) {
        this.dot = Objects.requireNonNull(dot, "dot");
        if (expiresAtMillis < 0) throw new IllegalArgumentException("expiry " + expiresAtMillis + " of " + dot + " is negative");
        if (value == null && expiresAtMillis != NEVER) throw new IllegalArgumentException("tombstone " + dot + " given an expiry");
        this.value = value;
        this.expiresAtMillis = expiresAtMillis;
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

    /** When the value expires (wall-clock millis), or {@link #NEVER}. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** A value put with a TTL. */
    public boolean expires() {
        return expiresAtMillis != NEVER;
    }

    /** A value whose expiry has passed at {@code nowMillis} (a reader never sees it). */
    public boolean isExpiredAt(long nowMillis) {
        return expiresAtMillis != NEVER && nowMillis >= expiresAtMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sibling s && dot.equals(s.dot) && expiresAtMillis == s.expiresAtMillis && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return (dot.hashCode() * 31 + Arrays.hashCode(value)) * 31 + Long.hashCode(expiresAtMillis);
    }

    @Override
    public String toString() {
        return dot + "=" + (value == null ? "<tombstone>" : value.length + "B") + (expires() ? "@exp" + expiresAtMillis : "");
    }
}
