package io.chorus.client.cli;

import io.chorus.client.TestClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell's parsing, built-ins and error handling, over a fake cluster (sessions: node's ShellEndToEndTest). */
class ShellTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path workingDirectory;

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private record Outcome(int exitCode, String out, String err, List<String> prompts) {
    }

    /** Runs the shell over {@code lines} (then end of input) with {@code args}. */
    private Outcome shell(List<String> args, boolean interactive, String... lines) {
        Deque<String> input = new ArrayDeque<>(Arrays.asList(lines));
        List<String> prompts = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Shell.run(args.toArray(String[]::new), prompt -> {
            prompts.add(prompt);
            return input.poll();
        }, interactive, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), workingDirectory);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), prompts);
    }

    private String seeds() {
        TestClusters.Handle cluster = TestClusters.memoryStore(3);
        resources.add(cluster);
        return cluster.seeds();
    }

    @Test
    void commandsRunOneAfterAnotherAndPrintAsTheOneShotCommandsDo() {
        Outcome outcome = shell(List.of("--cluster", seeds()), false, "put k 'two words'", "get k", "get missing");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().matches("ok\ncontext: \\S+\ntwo words\ncontext: \\S+\nnot found\n"), outcome.out());
        assertEquals(List.of("", "", "", ""), outcome.prompts(), "piped input: no prompt");
    }

    @Test
    void crdtCommandsRunOnTheShellsClient() {
        TestClusters.Handle cluster = TestClusters.crdtStore(3);
        resources.add(cluster);
        Outcome outcome = shell(List.of("--cluster", cluster.seeds()), false, "counter c incr 2", "counter c decr", "counter c value");
        assertEquals("ok\nok\n1\n", outcome.out(), outcome.err());
    }

    @Test
    void anErrorIsPrintedAndTheShellGoesOn() {
        Outcome outcome = shell(List.of("--cluster", seeds()), false, "frobnicate", "get", "put k \"open", "get k --cluster 127.0.0.1:1",
                "put k v --session-out f", "put k v", "get k");
        assertTrue(outcome.err().contains("unknown command 'frobnicate'"), outcome.err());
        assertTrue(outcome.err().contains("get takes KEY, got 0 argument(s)"), outcome.err());
        assertTrue(outcome.err().contains("is not closed"), outcome.err());
        assertTrue(outcome.err().contains("--cluster is given when the shell starts"), outcome.err());
        assertTrue(outcome.err().contains("session save FILE"), outcome.err());
        assertTrue(outcome.out().endsWith("ok\ncontext: " + outcome.out().lines().toList().get(1).substring(9) + "\nv\n"
                + outcome.out().lines().toList().get(3) + "\n"), outcome.out());
        assertEquals(DataCommands.EXIT_USAGE, outcome.exitCode(), "a line not understood, and no request failed");
    }

    @Test
    void aFailedRequestSetsTheExitCodeAndTheShellGoesOn() {
        TestClusters.Handle failing = TestClusters.failing(3, "need 2, alive 1");
        resources.add(failing);
        Outcome outcome = shell(List.of("--cluster", failing.seeds()), false, "get k", "nonsense", "help");
        assertTrue(outcome.err().contains("need 2, alive 1"), outcome.err());
        assertTrue(outcome.out().contains("session save FILE"), "help ran after the failure: " + outcome.out());
        assertEquals(DataCommands.EXIT_FAILED, outcome.exitCode());
    }

    @Test
    void interactiveShowsAPromptAndAGreetingAndQuitEnds() {
        Outcome outcome = shell(List.of("--cluster", seeds()), true, "help", "quit", "get never-read");
        assertEquals(List.of("chorus> ", "chorus> "), outcome.prompts(), "nothing read after quit");
        assertTrue(outcome.out().startsWith("chorus shell, connected to 3 node(s)"), outcome.out());
        assertEquals(0, outcome.exitCode());
    }

    @Test
    void timingPrintsEachDataCommandsWallTime() {
        Outcome outcome = shell(List.of("--cluster", seeds(), "--timing"), false, "get k", "timing off", "get k", "get k", "timing sideways");
        assertEquals(1, outcome.err().lines().filter(line -> line.matches("\\(\\d+\\.\\d ms\\)")).count(), outcome.err());
        assertTrue(outcome.err().contains("timing takes on or off"), outcome.err());
    }

    @Test
    void badShellArgumentsAreAUsageErrorBeforeConnecting() {
        Outcome outcome = shell(List.of("--cluster", TestClusters.deadAddresses(1), "--frob"), false);
        assertEquals(DataCommands.EXIT_USAGE, outcome.exitCode());
        assertTrue(outcome.err().startsWith("unknown option --frob\nusage: shell"), outcome.err());
        assertEquals(List.of(), outcome.prompts());
    }

    @Test
    void helpPrintsTheUsageAndTheCommandsWithoutConnecting() {
        Outcome outcome = shell(List.of("--cluster", TestClusters.deadAddresses(1), "--help"), false);
        assertEquals(0, outcome.exitCode());
        assertTrue(outcome.out().startsWith("usage: shell") && outcome.out().contains("session save FILE"), outcome.out());
    }

    @Test
    void sessionSaysThereIsNoTokenBeforeAnAnswerBringsOne() {
        Outcome outcome = shell(List.of("--cluster", seeds()), false, "session", "session save t.txt", "session bogus");
        assertEquals("no token yet (the session's first answer brings one)\n", outcome.out());
        assertTrue(outcome.err().contains("no token yet to save"), outcome.err());
        assertTrue(outcome.err().contains("session takes nothing, save FILE, load FILE or new"), outcome.err());
    }
}
