package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and where the messages go: 2 and usage for a malformed line, 1 and the reason for an error. */
class MainTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsageOnStdout() {
        assertEquals(0, run("help"));
        assertTrue(out().startsWith("Usage: "), out());
        assertTrue(out().contains("cluster start [--nodes 3] [--dir DIR] [--base-port 7401] [--wait 30]"), out());
        assertEquals("", err());
    }

    @Test
    void usageErrorsExitTwoWithTheReasonAndTheUsageOnStderr() {
        assertUsageError("no command given");
        assertUsageError("unknown command 'frobnicate'", "frobnicate");
        assertUsageError("cluster needs start, status or stop", "cluster");
        assertUsageError("unknown cluster command 'restart': use start, status or stop", "cluster", "restart");
        assertUsageError("option --nodes must be between 1 and 32, got 0", "cluster", "start", "--nodes", "0", "--dir", temp.toString());
        assertUsageError("unknown option '--nodes'", "cluster", "status", "--nodes", "3");
        assertUsageError("node needs --config FILE", "node");
        assertUsageError("option --wait must be between 1 and 3600, got 0", "cluster", "start", "--wait", "0", "--dir", temp.toString());
    }

    @Test
    void statusOfADirectoryWithoutAClusterIsAnError() {
        assertEquals(1, run("cluster", "status", "--dir", temp.toString()));
        assertTrue(err().startsWith("chorus: no cluster in " + temp), err());
        assertEquals("", out());
    }

    @Test
    void stopOfADirectoryWithoutAClusterIsAnError() {
        assertEquals(1, run("cluster", "stop", "--dir", temp.toString()));
        assertTrue(err().startsWith("chorus: no cluster in " + temp), err());
    }

    @Test
    void aNodeWithoutItsConfigFileIsAnError() {
        Path missing = temp.resolve("missing.conf");
        assertEquals(1, run("node", "--config", missing.toString()));
        assertEquals("chorus: config file " + missing + " does not exist or cannot be read\n", err());
    }

    @Test
    void dataCommandsGoToTheClientsDataCommands() {
        assertEquals(2, run("get"));
        assertTrue(err().contains("put KEY VALUE [--context CTX]"), "the data commands' own usage: " + err());
    }

    private void assertUsageError(String message, String... args) {
        out.reset();
        err.reset();
        assertEquals(2, run(args), String.join(" ", args));
        assertTrue(err().startsWith("chorus: " + message + "\n\nUsage: "), err());
        assertEquals("", out());
    }
}
