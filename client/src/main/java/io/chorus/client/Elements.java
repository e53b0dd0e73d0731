package io.chorus.client;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;

/** Set elements and register values as the wire carries them: UTF-8 for text, copies for bytes, never null. */
final class Elements {
    private Elements() {
    }

    static byte[] utf8(String text, String what) {
        return Objects.requireNonNull(text, what).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] copy(byte[] bytes, String what) {
        return Objects.requireNonNull(bytes, what).clone();
    }

    /** @throws IllegalArgumentException when there is no element: an operation on nothing is a mistake */
    static byte[][] ofText(Collection<String> elements) {
        requireSome(elements);
        return elements.stream().map(e -> utf8(e, "element")).toArray(byte[][]::new);
    }

    /** @throws IllegalArgumentException when there is no element */
    static byte[][] ofBytes(Collection<byte[]> elements) {
        requireSome(elements);
        return elements.stream().map(e -> copy(e, "element")).toArray(byte[][]::new);
    }

    static long nonNegative(long amount, String what) {
        if (amount < 0) throw new IllegalArgumentException(what + " must be >= 0, was " + amount);
        return amount;
    }

    private static void requireSome(Collection<?> elements) {
        if (Objects.requireNonNull(elements, "elements").isEmpty()) throw new IllegalArgumentException("no element given");
    }
}
