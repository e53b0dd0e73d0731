package io.chorus.crdt.type;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends the codec's primitives to a growing byte array: bytes, varints, strings. */
final class CodecWriter {
    private byte[] buffer = new byte[64];
    private int size;

    void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    /** An unsigned LEB128 varint: 7 bits a byte, low bits first; 1 byte below 128. */
    void writeVarint(long value) {
        assert value >= 0 : "varint of a negative value " + value;
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    void writeBytes(byte[] bytes) {
        writeVarint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /** UTF-8 with a length prefix; a string with an unpaired surrogate has no UTF-8 form and is refused. */
    void writeString(String text) {
        try {
            ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            writeBytes(Arrays.copyOfRange(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.arrayOffset() + utf8.limit()));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cannot encode string with an unpaired surrogate: " + text.length() + " chars");
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (buffer.length - size < more) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
}
