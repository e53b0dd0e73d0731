package io.chorus.crdt.type;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable byte string: a set element or a register value. Ordered by unsigned lexicographic
 * comparison so that every collection of them iterates (and encodes) in one deterministic order.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; later changes to the array do not show. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes utf8(String text) {
        Objects.requireNonNull(text, "text");
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes} without a copy: only for arrays nobody else holds. */
    static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    public int size() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes without a copy, for the codec; callers must not modify them. */
    byte[] unsafeArray() {
        return bytes;
    }

    /** The bytes decoded as UTF-8 text; malformed input is replaced, never thrown. */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Quoted text when the bytes are printable UTF-8, else hexadecimal (0x...). */
    @Override
    public String toString() {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.codePoints().noneMatch(Character::isISOControl)) return '"' + text + '"';
        } catch (CharacterCodingException notText) {
            // fall through to hexadecimal
        }
        StringBuilder hex = new StringBuilder("0x");
        for (byte b : bytes) hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        return hex.toString();
    }
}
