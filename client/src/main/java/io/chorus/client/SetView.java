package io.chorus.client;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.OrSet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A set as read: its elements, in unsigned byte order. Add wins: an add concurrent with a remove
 * of the same element keeps it. A set never written reads empty. Immutable.
 */
public final class SetView implements CrdtView {
    private final OrSet set;

    SetView(OrSet set) {
        this.set = Objects.requireNonNull(set, "set");
    }

    /** The elements as UTF-8 text (bytes that are not UTF-8 come out with replacement characters). */
    public List<String> elements() {
        return set.elements().stream().map(Bytes::toUtf8).toList();
    }

    /** The elements as bytes (copies). */
    public List<byte[]> elementBytes() {
        return set.elements().stream().map(Bytes::toByteArray).toList();
    }

    public boolean contains(String element) {
        return set.contains(Bytes.of(Objects.requireNonNull(element, "element").getBytes(StandardCharsets.UTF_8)));
    }

    public boolean contains(byte[] element) {
        return set.contains(Bytes.of(element));
    }

    public int size() {
        return set.size();
    }

    public boolean isEmpty() {
        return set.size() == 0;
    }

    /** The elements, each quoted text or hexadecimal: {@code {"a", "b"}}. */
    @Override
    public String toString() {
        return set.elements().toString().replace('[', '{').replace(']', '}');
    }
}
