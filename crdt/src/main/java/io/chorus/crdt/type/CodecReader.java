package io.chorus.crdt.type;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the codec's primitives from a byte range, checking every length and count against the
 * bytes left, so malformed input fails with a reason and an offset instead of allocating or
 * reading past the end. Accepts only the canonical (shortest) varint form.
 */
final class CodecReader {
    private final byte[] bytes;
    private final int end;
    private int position;

    CodecReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("CRDT bytes: range " + offset + "+" + length + " outside an array of " + bytes.length);
        }
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    int readByte() {
        if (position == end) throw fail("truncated: wanted 1 more byte");
        return bytes[position++] & 0xFF;
    }

    long readVarint() {
        int start = position;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && b > 1) throw failAt(start, "varint overflows 64 bits");
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) throw failAt(start, "varint not in its shortest form");
                return value;
            }
        }
        throw failAt(start, "varint longer than 10 bytes");
    }

    /** A varint that must be a non-negative long. */
    long readNonNegativeLong(String what) {
        int start = position;
        long value = readVarint();
        if (value < 0) throw failAt(start, what + " exceeds the long range");
        return value;
    }

    int readNonNegativeInt(String what) {
        int start = position;
        long value = readVarint();
        if (value < 0 || value > Integer.MAX_VALUE) throw failAt(start, what + " " + Long.toUnsignedString(value) + " exceeds the int range");
        return (int) value;
    }

    /** How many items follow; each takes at least one byte, so the count cannot exceed the bytes left. */
    int readCount(String what) {
        int start = position;
        long count = readVarint();
        if (count < 0 || count > remaining()) {
            throw failAt(start, what + " count " + Long.toUnsignedString(count) + " exceeds the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    byte[] readBytes(String what) {
        int start = position;
        long length = readVarint();
        if (length < 0 || length > remaining()) {
            throw failAt(start, what + " length " + Long.toUnsignedString(length) + " exceeds the " + remaining() + " bytes left");
        }
        byte[] out = Arrays.copyOfRange(bytes, position, position + (int) length);
        position += (int) length;
        return out;
    }

    String readString(String what) {
        int start = position;
        byte[] utf8 = readBytes(what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw failAt(start, what + " is not valid UTF-8");
        }
    }

    IllegalArgumentException fail(String reason) {
        return failAt(position, reason);
    }

    IllegalArgumentException failAt(int offset, String reason) {
        return new IllegalArgumentException("malformed CRDT bytes at offset " + offset + ": " + reason);
    }
}
