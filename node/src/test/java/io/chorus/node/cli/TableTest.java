package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsColumnsTwoBlanksApartWithoutTrailingBlanks() {
        String table = Table.render(List.of(
                new String[] {"NODE", "ADDRESS", "STATE"},
                new String[] {"n10", "127.0.0.1:7401", "not started"},
                new String[] {"n2", "h:1", ""}));
        assertEquals("""
                NODE  ADDRESS         STATE
                n10   127.0.0.1:7401  not started
                n2    h:1
                """, table);
    }
}
