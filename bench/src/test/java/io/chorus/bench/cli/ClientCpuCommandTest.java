package io.chorus.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientCpuCommandTest {
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void refusesTheInProcessStoreWhichHasNoClientToMeasure(@TempDir Path dir) throws InterruptedException {
        assertEquals(Commands.EXIT_USAGE, Commands.run(new String[] {"client-cpu", "--cluster", "local"}, out, err, dir));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--cluster local has no client to measure"), errBytes::toString);
    }

    @Test
    void namesTheOptionThatIsOutOfRange(@TempDir Path dir) throws InterruptedException {
        assertEquals(Commands.EXIT_USAGE, Commands.run(new String[] {"client-cpu", "--threads", "0"}, out, err, dir));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--threads must be at least 1, was 0"), errBytes::toString);
    }
}
