package io.chorus.torture;

import io.chorus.replication.config.InjectedBug;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TortureOptionsTest {
    @Test
    void parsesSeedsDurationAndPlantedBug() {
        TortureOptions one = TortureOptions.parse(List.of("--seed", "1", "--duration", "60s", "--planted-bug", "ack_before_quorum"));
        assertEquals(List.of(1L), one.seeds());
        assertEquals(60_000, one.faultMillis());
        assertEquals(InjectedBug.ACK_BEFORE_QUORUM, one.plantedBug());
        TortureOptions many = TortureOptions.parse(List.of("--seeds", "3", "--first-seed", "10", "--duration", "2m"));
        assertEquals(List.of(10L, 11L, 12L), many.seeds());
        assertEquals(120_000, many.faultMillis());
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TortureOptions.parse(List.of("--duration", "soon")));
        assertTrue(e.getMessage().contains("--duration"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TortureOptions.parse(List.of("--planted-bug", "NOPE")));
        assertTrue(e.getMessage().contains("ACK_BEFORE_QUORUM"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TortureOptions.parse(List.of("--frobnicate", "1")));
        assertTrue(e.getMessage().contains("--frobnicate"), e.getMessage());
    }
}
