package io.chorus.node.cli;

import io.chorus.client.cli.Shell;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal side of the shell: lines typed through JLine, history kept in a file across runs. */
class ShellCommandTest {
    @TempDir
    Path dir;

    @Test
    void typedLinesAreReadAndKeptInTheHistoryFileForTheNextRun() throws IOException {
        Path history = dir.resolve("history");
        assertEquals(List.of("put k 'a b'", "get k"), typeInto(history, "put k 'a b'\nget k\n"));
        List<String> kept = Files.readAllLines(history, StandardCharsets.UTF_8);
        assertEquals(2, kept.size(), kept.toString());
        assertTrue(kept.get(0).endsWith("put k 'a b'") && kept.get(1).endsWith("get k"), kept.toString());

        typeInto(history, "session\n");
        assertEquals(3, Files.readAllLines(history, StandardCharsets.UTF_8).size(), "a second run appends to the same history");
    }

    /** Reads every line {@code keys} types at a dumb terminal until end of input. */
    private static List<String> typeInto(Path history, String keys) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())) {
            Shell.LineSource source = ShellCommand.lineEditor(terminal, history);
            for (String line = source.readLine("chorus> "); line != null; line = source.readLine("chorus> ")) lines.add(line);
        }
        return lines;
    }
}
