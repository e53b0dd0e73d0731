package io.chorus.ycsb;

import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A YCSB record (field name to bytes) as one Chorus value: the field count, then for each field in
 * name order its name and its bytes, each prefixed with its length (unsigned varints). About 2-3
 * bytes of overhead per field on top of the names, so a 10 x 100 B record is about 1.1 KB.
 *
 * <p>The per-operation paths work on arrays, not maps: {@link #encode(Map, FieldNames)} writes YCSB's
 * values straight into one value of the exact size, and {@link #readInto} hands the fields of a value
 * to YCSB as views of it. Both cost one allocation per record plus one per field read (YCSB's API needs
 * an iterator per field), where a map-based codec costs several per field.
 */
final class RecordCodec {
    /** More fields than any YCSB workload uses; bounds what a malformed value can make us allocate. */
    static final int FIELDS_MAX = 4096;

    private RecordCodec() {
    }

    /**
     * Encodes YCSB's values (each iterator is consumed) in name order, reusing the names' UTF-8 bytes
     * from {@code names}.
     *
     * @throws IllegalArgumentException for more than {@link #FIELDS_MAX} fields or a record over 2 GiB
     * @throws IllegalStateException when an iterator yields another number of bytes than it announced
     */
    static byte[] encode(Map<String, ByteIterator> values, FieldNames names) {
        int count = checkCount(values.size());
        String[] sorted = new String[count];
        ByteIterator[] iterators = new ByteIterator[count];
        sortByName(values, sorted, iterators);
        byte[][] nameBytes = new byte[count][];
        int[] lengths = new int[count];
        long size = varIntSize(count);
        for (int i = 0; i < count; i++) {
            nameBytes[i] = names.utf8(i, sorted[i]);
            long left = iterators[i].bytesLeft();
            if (left < 0 || left > Integer.MAX_VALUE) throw new IllegalArgumentException("field " + sorted[i] + " has " + left + " bytes");
            lengths[i] = (int) left;
            size += varIntSize(nameBytes[i].length) + nameBytes[i].length + varIntSize(lengths[i]) + lengths[i];
        }
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("record of " + size + " bytes is too large");
        byte[] out = new byte[(int) size];
        int at = writeVarInt(out, 0, count);
        for (int i = 0; i < count; i++) {
            at = writeBytes(out, at, nameBytes[i]);
            at = writeVarInt(out, at, lengths[i]);
            at = fill(out, at, at + lengths[i], iterators[i], sorted[i]);
        }
        assert at == out.length : "encoded " + at + " of " + out.length + " bytes";
        return out;
    }

    /** Encodes a record of plain arrays (the read-modify-write path), in name order. */
    static byte[] encode(Map<String, byte[]> record) {
        int count = checkCount(record.size());
        TreeMap<String, byte[]> sorted = new TreeMap<>(record);
        byte[][] nameBytes = new byte[count][];
        long size = varIntSize(count);
        int i = 0;
        for (Map.Entry<String, byte[]> field : sorted.entrySet()) {
            nameBytes[i] = field.getKey().getBytes(StandardCharsets.UTF_8);
            size += varIntSize(nameBytes[i].length) + nameBytes[i].length + varIntSize(field.getValue().length) + field.getValue().length;
            i++;
        }
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("record of " + size + " bytes is too large");
        byte[] out = new byte[(int) size];
        int at = writeVarInt(out, 0, count);
        i = 0;
        for (byte[] bytes : sorted.values()) {
            at = writeBytes(out, at, nameBytes[i++]);
            at = writeBytes(out, at, bytes);
        }
        assert at == out.length : "encoded " + at + " of " + out.length + " bytes";
        return out;
    }

    /**
     * Puts the fields of {@code value} (only those in {@code fields}, or all when it is null) into
     * YCSB's {@code result}, as iterators over {@code value} itself (not copied: the caller must not
     * change it). The whole value is checked first, so a malformed one puts nothing.
     *
     * @throws IllegalArgumentException saying what is wrong when {@code value} is not an encoded record
     */
    static void readInto(byte[] value, Set<String> fields, Map<String, ByteIterator> result, FieldNames names) {
        int count = check(value);
        int[] at = {0};
        readVarInt(value, at);
        for (int i = 0; i < count; i++) {
            int nameLength = readVarInt(value, at);
            String name = names.name(i, value, at[0], nameLength);
            at[0] += nameLength;
            int length = readVarInt(value, at);
            if (fields == null || fields.contains(name)) result.put(name, new ByteArrayByteIterator(value, at[0], length));
            at[0] += length;
        }
    }

    /** @throws IllegalArgumentException saying what is wrong when {@code value} is not an encoded record */
    static TreeMap<String, byte[]> decode(byte[] value) {
        int count = check(value);
        int[] at = {0};
        readVarInt(value, at);
        TreeMap<String, byte[]> record = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int nameLength = readVarInt(value, at);
            String name = new String(value, at[0], nameLength, StandardCharsets.UTF_8);
            at[0] += nameLength;
            int length = readVarInt(value, at);
            byte[] bytes = new byte[length];
            System.arraycopy(value, at[0], bytes, 0, length);
            at[0] += length;
            record.put(name, bytes);
        }
        return record;
    }

    /**
     * Walks the whole value without allocating: the count within bounds, every length within the
     * value, no trailing bytes.
     *
     * @return the field count
     * @throws IllegalArgumentException saying what is wrong
     */
    static int check(byte[] value) {
        int[] at = {0};
        int count = readVarInt(value, at);
        if (count > FIELDS_MAX) throw new IllegalArgumentException("record claims " + count + " fields (max " + FIELDS_MAX + ")");
        for (int i = 0; i < 2 * count; i++) { // a name, then its bytes
            int length = readVarInt(value, at);
            if (length > value.length - at[0]) throw new IllegalArgumentException("record is truncated");
            at[0] += length;
        }
        if (at[0] != value.length) throw new IllegalArgumentException("record has " + (value.length - at[0]) + " trailing bytes");
        return count;
    }

    private static int checkCount(int count) {
        if (count > FIELDS_MAX) throw new IllegalArgumentException("record has " + count + " fields (max " + FIELDS_MAX + ")");
        return count;
    }

    /** The fields in name order, into the two arrays; insertion sort, as YCSB records have about ten fields. */
    private static void sortByName(Map<String, ByteIterator> values, String[] names, ByteIterator[] iterators) {
        int n = 0;
        for (Map.Entry<String, ByteIterator> field : values.entrySet()) {
            String name = field.getKey();
            ByteIterator iterator = field.getValue();
            int j = n - 1;
            while (j >= 0 && names[j].compareTo(name) > 0) {
                names[j + 1] = names[j];
                iterators[j + 1] = iterators[j];
                j--;
            }
            names[j + 1] = name;
            iterators[j + 1] = iterator;
            n++;
        }
    }

    /**
     * Fills out[from, to) from the iterator. YCSB's RandomByteIterator may write up to 5 bytes past
     * {@code to} (never past the array); they belong to the fields after this one and are overwritten
     * when those are written, as the record is written front to back.
     */
    private static int fill(byte[] out, int from, int to, ByteIterator bytes, String name) {
        int at = from;
        while (at < to) {
            int next = bytes.nextBuf(out, at);
            if (next <= at || next > to) throw new IllegalStateException("field " + name + " yielded another number of bytes than the " + (to - from) + " it announced");
            at = next;
        }
        return at;
    }

    private static int writeBytes(byte[] out, int at, byte[] bytes) {
        at = writeVarInt(out, at, bytes.length);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int varIntSize(int v) {
        int size = 1;
        while ((v & ~0x7F) != 0) {
            size++;
            v >>>= 7;
        }
        return size;
    }

    private static int writeVarInt(byte[] out, int at, int v) {
        while ((v & ~0x7F) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static int readVarInt(byte[] value, int[] at) {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (at[0] >= value.length) throw new IllegalArgumentException("record is truncated");
            byte b = value[at[0]++];
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result < 0) throw new IllegalArgumentException("record has a negative length");
                return result;
            }
        }
        throw new IllegalArgumentException("record has an over-long number");
    }
}
