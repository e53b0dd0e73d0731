package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codec's format and its refusals; round trips of every type are property tests in
 * {@link CrdtLawsTest}.
 */
class CrdtCodecTest {
    /** Builds bytes from ints and strings (written as length-prefixed UTF-8). */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.write(utf8.length);
                out.writeBytes(utf8);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static void assertRefused(byte[] bytes, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrdtCodec.decode(bytes));
        assertTrue(e.getMessage().startsWith("malformed CRDT bytes at offset "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), "wanted \"" + reason + "\" in: " + e.getMessage());
    }

    // A counter of n1 at +1: tag, version, actors [n1], vector {n1:1}, no cloud, one entry n1:1 (1, 0).
    private static final byte[] COUNTER = bytes(1, 1, 1, "n1", 1, 0, 1, 0, 1, 0, 1, 1, 0);

    @Test
    void theFormatIsTheDocumentedOne() {
        PnCounter counter = PnCounter.empty().increment("n1", 1).state();
        assertEquals(counter, CrdtCodec.decode(COUNTER));
        assertEquals(new String(COUNTER, StandardCharsets.ISO_8859_1),
                new String(CrdtCodec.encode(counter), StandardCharsets.ISO_8859_1));
        assertEquals(CrdtType.PN_COUNTER, CrdtCodec.typeOf(COUNTER));
    }

    @Test
    void aCounterOfThreeNodesTakesAFewBytesPerNode() {
        PnCounter counter = PnCounter.empty();
        for (String node : new String[] {"n1", "n2", "n3"}) counter = counter.increment(node, 100).state();
        assertTrue(CrdtCodec.encode(counter).length <= 40, CrdtCodec.encode(counter).length + " bytes");
    }

    @Test
    void everyEmptyValueRoundTrips() {
        for (CrdtType type : CrdtType.values()) {
            byte[] encoded = CrdtCodec.encode(type.empty());
            assertEquals(type.empty(), CrdtCodec.decode(encoded));
            assertEquals(type, CrdtCodec.typeOf(encoded));
        }
    }

    @Test
    void refusesMalformedInputSayingWhatWasWrong() {
        assertRefused(bytes(), "truncated");
        assertRefused(bytes(99, 1, 0, 0, 0, 0), "unknown CRDT type tag 99");
        assertRefused(bytes(1, 7, 0, 0, 0, 0), "unknown format version 7");
        assertRefused(bytes(1, 1, 1, "n1", 1, 0, 1, 0, 1, 0, 1, 1, 0, 0), "1 bytes left after the value");
        assertRefused(bytes(1, 1, 2, "n1", "n2", 1, 0, 1, 0, 1, 0, 1, 1, 0), "\"n2\" is in the table but never used");
        assertRefused(bytes(1, 1, 2, "n2", "n1", 0, 0, 0), "actor names not sorted");
        assertRefused(bytes(1, 1, 1, "", 0, 0, 0), "actor name is empty");
        assertRefused(bytes(1, 1, 1, "n1", 0, 0, 1, 0, 1, 1, 0), "is not in the value's causal context");
        assertRefused(bytes(1, 1, 1, "n1", 1, 0, 1, 1, 0, 1, 0), "not canonical");
        assertRefused(bytes(1, 1, 1, "n1", 1, 0, 1, 0, 1, 0, 0x81, 0x00, 1, 0), "varint not in its shortest form");
        assertRefused(bytes(1, 1, 1, "n1", 1, 5, 1, 0, 0), "actor index 5 past the table");
        assertRefused(bytes(1, 1, 1, "n1", 1, 0, 0, 0, 0), "dot counter must be >= 1");
        assertRefused(bytes(1, 1, 100, 0), "actor count 100 exceeds the 1 bytes left");
        assertRefused(bytes(2, 1, 1, "n1", 1, 0, 1, 0, 1, 0, 0), "set element \"\" has no dot");
        assertRefused(bytes(6, 1, 1, "n1", 1, 0, 1, 0, 1, "f", 5, 0), "holds an empty value");
        assertRefused(bytes(6, 1, 0, 0, 0, 1, "f", 42), "unknown CRDT type tag 42");
        assertRefused(bytes(2, 1, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F), "exceeds the");
    }

    @Test
    void decodingAsAnotherTypeNamesBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrdtCodec.decode(COUNTER, OrSet.class));
        assertEquals("value is a counter, not a set: a value's type is fixed by its first write", e.getMessage());
    }

    @Test
    void mapsNestedPastTheLimitAreRefusedByUpdatesAndTheDecoder() {
        OrMap atLimit = nested(OrMap.empty(), CrdtCodec.NESTING_DEPTH_MAX).state();
        assertEquals(atLimit, CrdtCodec.decode(CrdtCodec.encode(atLimit)));
        assertEquals(CrdtCodec.NESTING_DEPTH_MAX, atLimit.depth());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nested(OrMap.empty(), CrdtCodec.NESTING_DEPTH_MAX + 1));
        assertTrue(e.getMessage().contains("past NESTING_DEPTH_MAX"), e.getMessage());

        // Hand-made bytes nesting 100,000 maps fail at the limit, not with a stack overflow.
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.writeBytes(bytes(6, 1, 0, 0, 0));
        for (int i = 0; i < 100_000; i++) deep.writeBytes(bytes(1, "m", 6));
        assertRefused(deep.toByteArray(), "nested deeper than NESTING_DEPTH_MAX");
    }

    /** A flag under {@code depth} levels of maps (the outermost is {@code map}). */
    private static Update<OrMap> nested(OrMap map, int depth) {
        return depth == 1
                ? map.update("leaf", EwFlag.class, flag -> flag.enable("n1"))
                : map.update("m", OrMap.class, inner -> nested(inner, depth - 1));
    }

    @Test
    void mergingValuesOfTwoTypesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Crdt.mergeAny(PnCounter.empty(), OrSet.empty()));
        assertTrue(e.getMessage().contains("cannot merge a counter with a set"), e.getMessage());
    }
}
