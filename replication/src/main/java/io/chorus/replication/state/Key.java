package io.chorus.replication.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key: immutable bytes, ordered lexicographically (unsigned). Keys from the CLI and YCSB are
 * UTF-8 strings, but the store treats them as bytes.
 */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int hash;

    private Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps a copy of {@code bytes}. */
    public static Key of(byte[] bytes) {
        return new Key(bytes.clone());
    }

    public static Key of(String utf8) {
        return new Key(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps {@code bytes} without copying; the caller gives up the array. */
    public static Key wrap(byte[] bytes) {
        return new Key(bytes);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The backing array; callers must not modify it. */
    public byte[] bytesUnsafe() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String s = asString();
        return '"' + (s.length() > 64 ? s.substring(0, 61) + "..." : s) + '"';
    }
}
