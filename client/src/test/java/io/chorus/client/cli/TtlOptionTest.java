package io.chorus.client.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TtlOptionTest {
    @Test
    void takesTheTtlOutOfTheArgumentsInAnyForm() {
        TtlOption t = TtlOption.extract(new String[]{"put", "k", "--ttl", "30s", "v", "--durable"});
        assertEquals(Duration.ofSeconds(30), t.ttl());
        assertArrayEquals(new String[]{"put", "k", "v", "--durable"}, t.rest());
        assertEquals(Duration.ofHours(2), TtlOption.extract(new String[]{"put", "k", "v", "--ttl=2h"}).ttl());
        assertEquals(Duration.ofMinutes(1), TtlOption.parse("PT1M"));
        assertEquals(Duration.ofMillis(1500), TtlOption.parse("1500ms"));
        assertEquals(Duration.ofDays(3650), TtlOption.parse("3650d"));
        assertNull(TtlOption.extract(new String[]{"get", "k"}).ttl());
    }

    @Test
    void refusesWhatIsNotADurationOrOutOfBoundsOrNotForAPut() {
        for (String bad : new String[]{"abc", "10", "s", "5y", "-5s", "0s", "999ms", "3651d", "99999999999999d", "PT0.5S"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TtlOption.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--ttl " + bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TtlOption.extract(new String[]{"put", "k", "v", "--ttl"}));
        assertThrows(IllegalArgumentException.class, () -> TtlOption.extract(new String[]{"put", "k", "v", "--ttl", "1s", "--ttl", "2s"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TtlOption.extract(new String[]{"delete", "k", "--ttl", "5s"}).checkFor("delete"));
        assertTrue(e.getMessage().contains("delete takes no --ttl"), e.getMessage());
    }
}
