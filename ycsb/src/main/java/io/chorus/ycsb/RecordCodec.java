package io.chorus.ycsb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A YCSB record (field name to bytes) as one Chorus value: the field count, then for each field in
 * name order its name and its bytes, each prefixed with its length (unsigned varints). About 2-3
 * bytes of overhead per field on top of the names, so a 10 x 100 B record is about 1.1 KB.
 */
final class RecordCodec {
    /** More fields than any YCSB workload uses; bounds what a malformed value can make us allocate. */
    static final int FIELDS_MAX = 4096;

    private RecordCodec() {
    }

    static byte[] encode(Map<String, byte[]> record) {
        TreeMap<String, byte[]> sorted = new TreeMap<>(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + sorted.size() * 112);
        writeVarInt(out, sorted.size());
        sorted.forEach((name, bytes) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            writeVarInt(out, n.length);
            out.write(n, 0, n.length);
            writeVarInt(out, bytes.length);
            out.write(bytes, 0, bytes.length);
        });
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException saying what is wrong when {@code value} is not an encoded record */
    static TreeMap<String, byte[]> decode(byte[] value) {
        int[] at = {0};
        int count = readVarInt(value, at);
        if (count > FIELDS_MAX) throw new IllegalArgumentException("record claims " + count + " fields (max " + FIELDS_MAX + ")");
        TreeMap<String, byte[]> record = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = new String(readBytes(value, at), StandardCharsets.UTF_8);
            record.put(name, readBytes(value, at));
        }
        if (at[0] != value.length) throw new IllegalArgumentException("record has " + (value.length - at[0]) + " trailing bytes");
        return record;
    }

    private static byte[] readBytes(byte[] value, int[] at) {
        int length = readVarInt(value, at);
        if (length > value.length - at[0]) throw new IllegalArgumentException("record is truncated");
        byte[] bytes = new byte[length];
        System.arraycopy(value, at[0], bytes, 0, length);
        at[0] += length;
        return bytes;
    }

    private static void writeVarInt(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
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
