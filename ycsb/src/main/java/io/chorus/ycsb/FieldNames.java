package io.chorus.ycsb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The field names of the records one YCSB thread reads and writes, remembered by their position in
 * name order, so that a record with the same names as the last one (every YCSB record) costs no name
 * encoding or decoding: the UTF-8 bytes of a name are reused when the name at that position is the
 * same string, a decoded name when its bytes are the same. Invariant: the bytes kept at a position are
 * the UTF-8 encoding of the name kept there. A different name at a position replaces
 * what was remembered there. Not thread-safe: one per {@link ChorusDB} instance, i.e. per YCSB thread.
 * Bounded by {@link RecordCodec#FIELDS_MAX} positions.
 */
final class FieldNames {
    private String[] names = new String[16];
    private byte[][] utf8 = new byte[16][];

    /** The UTF-8 bytes of {@code name}, the field at {@code position}; callers must not change them. */
    byte[] utf8(int position, String name) {
        grow(position);
        if (!name.equals(names[position])) remember(position, name, name.getBytes(StandardCharsets.UTF_8));
        return utf8[position];
    }

    /** The name whose UTF-8 bytes are {@code value[offset, offset + length)}, the field at {@code position}. */
    String name(int position, byte[] value, int offset, int length) {
        grow(position);
        byte[] known = utf8[position];
        if (known == null || !Arrays.equals(known, 0, known.length, value, offset, offset + length)) {
            String name = new String(value, offset, length, StandardCharsets.UTF_8);
            remember(position, name, name.getBytes(StandardCharsets.UTF_8)); // not the raw bytes: they may not be valid UTF-8
        }
        return names[position];
    }

    private void remember(int position, String name, byte[] bytes) {
        names[position] = name;
        utf8[position] = bytes;
    }

    private void grow(int position) {
        if (position >= RecordCodec.FIELDS_MAX) throw new IllegalArgumentException("field position " + position + " (max " + RecordCodec.FIELDS_MAX + ")");
        if (position < names.length) return;
        int size = Math.min(RecordCodec.FIELDS_MAX, Math.max(position + 1, 2 * names.length));
        names = Arrays.copyOf(names, size);
        utf8 = Arrays.copyOf(utf8, size);
    }
}
