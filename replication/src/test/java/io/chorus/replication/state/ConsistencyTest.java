package io.chorus.replication.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConsistencyTest {
    @Test
    void codesAreTheWireFormatAndRoundTrip() {
        // Fixed numbers, not ordinals: a node and a client of different builds must agree.
        assertEquals(1, Consistency.ONE.code());
        assertEquals(2, Consistency.TWO.code());
        assertEquals(3, Consistency.QUORUM.code());
        assertEquals(4, Consistency.ALL.code());
        for (Consistency level : Consistency.values()) assertEquals(level, Consistency.ofCode(level.code()));
    }

    @Test
    void unknownCodesAreRefusedNamingTheAcceptedOnes() {
        for (byte code : new byte[]{0, 5, 9, -1, Byte.MIN_VALUE, Byte.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Consistency.ofCode(code));
            assertEquals("unknown consistency code " + code + " (expected 1=ONE, 2=TWO, 3=QUORUM, 4=ALL)", e.getMessage());
        }
    }

    @Test
    void textParsesInAnyCase() {
        assertEquals(Consistency.QUORUM, Consistency.parse(" quorum "));
        assertEquals(Consistency.ALL, Consistency.parse("ALL"));
        assertThrows(IllegalArgumentException.class, () -> Consistency.parse("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> Consistency.parse(null));
    }
}
