package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static Options parse(String... args) {
        return Options.parse(List.of(args), Set.of("--dir", "--nodes"), Set.of("--set"));
    }

    @Test
    void takesValuesAfterABlankOrAnEqualsSign() {
        Options options = parse("--dir", "/tmp/x", "--nodes=5");
        assertEquals(Optional.of("/tmp/x"), options.value("--dir"));
        assertEquals(Optional.of(5), options.intValue("--nodes", 1, 32));
    }

    @Test
    void keepsEveryValueOfARepeatableOptionInOrder() {
        assertEquals(List.of("a=1", "b=2=3"), parse("--set", "a=1", "--set=b=2=3").values("--set"));
        assertEquals(List.of(), parse().values("--set"));
    }

    @Test
    void anAbsentOptionIsEmpty() {
        assertTrue(parse().value("--dir").isEmpty());
        assertTrue(parse().intValue("--nodes", 1, 32).isEmpty());
    }

    @Test
    void refusesMalformedCommandLinesNamingTheProblem() {
        assertMessage("unknown option '--node'", "--node", "3");
        assertMessage("option --dir needs a value", "--dir");
        assertMessage("option --dir given twice", "--dir", "a", "--dir", "b");
        assertMessage("unexpected argument 'extra'", "--dir", "a", "extra");
    }

    @Test
    void checksWholeNumbersAndTheirRange() {
        UsageException notNumber = assertThrows(UsageException.class, () -> parse("--nodes", "three").intValue("--nodes", 1, 32));
        assertEquals("option --nodes needs a whole number, got 'three'", notNumber.getMessage());
        UsageException outOfRange = assertThrows(UsageException.class, () -> parse("--nodes", "0").intValue("--nodes", 1, 32));
        assertEquals("option --nodes must be between 1 and 32, got 0", outOfRange.getMessage());
    }

    private static void assertMessage(String expected, String... args) {
        assertEquals(expected, assertThrows(UsageException.class, () -> parse(args)).getMessage());
    }
}
