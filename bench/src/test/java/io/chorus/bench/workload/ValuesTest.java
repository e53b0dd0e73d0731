package io.chorus.bench.workload;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValuesTest {

    @Test
    void aValueNamesItsWriteAndKey() {
        Values values = new Values(0xC0FFEE, 100);
        byte[] v = values.make(12345, (7L << 40) | 99);
        assertEquals(100, v.length);
        assertEquals((7L << 40) | 99, values.writeIdOf(v));
        assertEquals(12345, values.keyIndexOf(v));
        assertNotEquals(values.writeIdOf(values.make(12345, 1)), values.writeIdOf(v));
    }

    @Test
    void valuesOfAnotherRunOrAnotherWriterAreNotTakenForOurs() {
        Values ours = new Values(1, 64);
        Values theirs = new Values(2, 64);
        assertEquals(-1, ours.writeIdOf(theirs.make(1, 5)));
        assertEquals(-1, ours.writeIdOf("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, ours.writeIdOf(null));
    }

    @Test
    void tooSmallAValueSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Values(1, Values.HEADER_BYTES - 1));
    }

    @Test
    void keysAreThePrefixAndTheIndex() {
        Keys keys = new Keys("user");
        assertArrayEquals("user0".getBytes(StandardCharsets.US_ASCII), keys.key(0));
        assertEquals("user9876543210", keys.keyText(9_876_543_210L));
    }
}
