package io.chorus.ycsb;

import org.junit.jupiter.api.Test;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.RandomByteIterator;
import site.ycsb.StringByteIterator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordCodecTest {
    final FieldNames names = new FieldNames();

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What YCSB's workload hands an update with writeallfields=true: random bytes per field, in a HashMap. */
    static Map<String, ByteIterator> ycsbValues(int fields, int length) {
        Map<String, ByteIterator> values = new HashMap<>();
        for (int i = 0; i < fields; i++) values.put("field" + i, new RandomByteIterator(length));
        return values;
    }

    /** The record as plain arrays, through readInto: what YCSB would see on a read. */
    Map<String, byte[]> read(byte[] value, Set<String> fields) {
        Map<String, ByteIterator> result = new HashMap<>();
        RecordCodec.readInto(value, fields, result, names);
        Map<String, byte[]> record = new TreeMap<>();
        result.forEach((name, bytes) -> record.put(name, bytes.toArray()));
        return record;
    }

    static void assertSameRecord(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    @Test
    void aYcsbRecordOfRandomFieldsRoundTripsThroughBothDecoders() {
        for (int length : new int[]{0, 1, 5, 6, 7, 100, 101}) { // RandomByteIterator fills 6 bytes at a time
            Map<String, ByteIterator> values = ycsbValues(10, length);
            byte[] value = RecordCodec.encode(values, names);
            Map<String, byte[]> decoded = RecordCodec.decode(value);
            assertEquals(10, decoded.size(), "length " + length);
            for (byte[] field : decoded.values()) {
                assertEquals(length, field.length);
                for (byte b : field) assertTrue(b >= ' ' && b < ' ' + 96, "YCSB's printable random bytes, not a length or a name: " + b);
            }
            assertSameRecord(decoded, read(value, null));
            assertArrayEquals(value, RecordCodec.encode(decoded), "both encoders write the same bytes");
        }
    }

    @Test
    void fieldsAreWrittenInNameOrderWhateverTheMapsOrder() {
        Map<String, ByteIterator> backwards = new LinkedHashMap<>();
        backwards.put("b", new StringByteIterator("2"));
        backwards.put("a", new StringByteIterator("1"));
        backwards.put("", new StringByteIterator(""));
        byte[] golden = {3, 0, 0, 1, 'a', 1, '1', 1, 'b', 1, '2'};
        assertArrayEquals(golden, RecordCodec.encode(backwards, names));
        assertArrayEquals(golden, RecordCodec.encode(Map.of("a", bytes("1"), "b", bytes("2"), "", new byte[0])));
        Map<String, ByteIterator> forwards = new LinkedHashMap<>();
        forwards.put("", new StringByteIterator(""));
        forwards.put("a", new StringByteIterator("1"));
        forwards.put("b", new StringByteIterator("2"));
        assertArrayEquals(golden, RecordCodec.encode(forwards, names));
    }

    @Test
    void emptyAndLargeRecordsRoundTrip() {
        byte[] empty = RecordCodec.encode(Map.of(), names);
        assertArrayEquals(new byte[]{0}, empty);
        assertTrue(read(empty, null).isEmpty());
        assertTrue(RecordCodec.decode(empty).isEmpty());

        byte[] big = new byte[1 << 20]; // a three-byte length
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        String longName = "n".repeat(300); // a two-byte name length
        Map<String, byte[]> record = Map.of(longName, big, "small", bytes("s"), "caf\u00e9", new byte[0]);
        Map<String, ByteIterator> values = new HashMap<>();
        record.forEach((name, bytes) -> values.put(name, new ByteArrayByteIterator(bytes)));
        byte[] value = RecordCodec.encode(values, names);
        assertSameRecord(record, read(value, null));
        assertSameRecord(record, RecordCodec.decode(value));

        Map<String, ByteIterator> most = new HashMap<>();
        for (int i = 0; i < RecordCodec.FIELDS_MAX; i++) most.put("f" + i, new StringByteIterator("v"));
        assertEquals(RecordCodec.FIELDS_MAX, read(RecordCodec.encode(most, names), null).size());
        most.put("one-too-many", new StringByteIterator("v"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.encode(most, names));
        assertTrue(e.getMessage().contains("max " + RecordCodec.FIELDS_MAX), e.getMessage());
    }

    @Test
    void aReadTakesOnlyTheAskedFields() {
        byte[] value = RecordCodec.encode(Map.of("field0", bytes("a"), "field1", bytes("b"), "field2", bytes("c")));
        Map<String, byte[]> some = read(value, Set.of("field1", "field9"));
        assertEquals(Set.of("field1"), some.keySet());
        assertArrayEquals(bytes("b"), some.get("field1"));
    }

    @Test
    void aMalformedValueIsNamedAndPutsNothing() {
        byte[] value = RecordCodec.encode(ycsbValues(3, 10), names);
        for (int cut = 0; cut < value.length; cut++) {
            byte[] truncated = Arrays.copyOf(value, cut);
            assertMalformed(truncated, "truncated");
        }
        byte[] trailing = Arrays.copyOf(value, value.length + 2);
        assertMalformed(trailing, "2 trailing bytes");
        assertMalformed(new byte[]{(byte) 0x81, 0x40}, "claims 8193 fields (max 4096)");
        assertMalformed(new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, "negative length");
        assertMalformed(new byte[]{(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}, "over-long number");
        assertMalformed(new byte[]{1, 5, 'a'}, "truncated");
    }

    void assertMalformed(byte[] value, String message) {
        Map<String, ByteIterator> result = new HashMap<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.readInto(value, null, result, names));
        assertTrue(e.getMessage().contains(message), "expected \"" + message + "\" for " + Arrays.toString(value) + ", got: " + e.getMessage());
        assertTrue(result.isEmpty(), "nothing put from a malformed value: " + result.keySet());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(value));
        assertEquals(e.getMessage(), d.getMessage());
    }

    @Test
    void anIteratorThatYieldsMoreOrLessThanItAnnouncedIsRefused() {
        ByteIterator longer = new ByteArrayByteIterator(bytes("abcdef")) {
            @Override
            public long bytesLeft() {
                return super.bytesLeft() - 2;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RecordCodec.encode(Map.of("a", longer, "b", new StringByteIterator("x")), names));
        assertTrue(e.getMessage().contains("field a"), e.getMessage());
        ByteIterator shorter = new ByteArrayByteIterator(bytes("abc")) {
            @Override
            public long bytesLeft() {
                return super.bytesLeft() + 1;
            }
        };
        assertThrows(IllegalStateException.class, () -> RecordCodec.encode(Map.of("a", shorter), names));
    }

    @Test
    void fieldNamesAreReusedWhileTheyStayTheSameAndReplacedWhenNot() {
        byte[] first = RecordCodec.encode(Map.of("field0", bytes("a"), "field1", bytes("b")));
        Map<String, ByteIterator> one = new HashMap<>();
        Map<String, ByteIterator> two = new HashMap<>();
        RecordCodec.readInto(first, null, one, names);
        RecordCodec.readInto(first.clone(), null, two, names);
        for (String name : one.keySet()) {
            String again = two.keySet().stream().filter(name::equals).findFirst().orElseThrow();
            assertSame(name, again, "the second record's names are the first's strings");
        }
        byte[] other = RecordCodec.encode(Map.of("field0", bytes("a"), "field2", bytes("c")));
        assertEquals(Set.of("field0", "field2"), read(other, null).keySet(), "a new name at position 1");
        assertEquals(Set.of("field0", "field1"), read(first, null).keySet(), "and the old one back");

        byte[] invalidUtf8 = {1, 2, (byte) 0xC3, (byte) 0x28, 1, 'x'};
        String decoded = new String(new byte[]{(byte) 0xC3, (byte) 0x28}, StandardCharsets.UTF_8);
        assertEquals(Set.of(decoded), read(invalidUtf8, null).keySet());
        assertEquals(Set.of(decoded), read(invalidUtf8, null).keySet(), "the same name when it was not valid UTF-8");
        assertArrayEquals(decoded.getBytes(StandardCharsets.UTF_8), names.utf8(0, decoded), "the bytes kept are the name's encoding");
    }
}
