package io.chorus.client.cli;

import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The interactive shell ({@code chorus shell}): one client, connected once, runs line after line of
 * the same data commands as the one-shot CLI (parsed and printed by the same code), all through one
 * session whose token each command carries and updates, so a read sees the shell's earlier writes
 * and reads at any level, through any node. Built-ins: {@code session}, {@code timing}, {@code help},
 * {@code quit}. A failed or mistyped command prints its error and the shell goes on.
 *
 * <p>Where lines come from is the caller's ({@link LineSource}: a terminal with line editing and
 * history, or a plain stream when input is piped). Never throws for bad input or a failed request.
 */
public final class Shell {
    /** The lines the shell runs. */
    public interface LineSource {
        /** The next line, read after showing {@code prompt} where there is a prompt; null at the end of input. */
        String readLine(String prompt);
    }

    /** Every word that starts a shell command, for a terminal's completion. */
    public static final List<String> COMMANDS = List.of("put", "get", "delete", "counter", "set", "flag", "register", "map",
            "session", "timing", "help", "quit", "exit");

    public static final String USAGE = String.join("\n",
            "usage: shell [--cluster HOST:PORT,...] [--tls | --ca FILE] [--user NAME --password-file FILE] [--cluster-name NAME]",
            "             [--session-in FILE] [--session-out FILE] [--timing]",
            "Connects once, then reads commands, one a line (help lists them). --session-in starts from a token an earlier",
            "--session-out wrote; --session-out writes the token after every command that succeeded. --timing starts with",
            "timing on. Input that is not a terminal (echo 'get k' | chorus shell) is read with no prompt; the exit code is",
            "then 0 when every command ran (a get that found nothing too), 3 when a request failed, 2 when a line was not",
            "understood.");

    static final String HELP = String.join("\n",
            "Data commands (those of the one-shot CLI, without the connection options, which the shell took at start):",
            "  put KEY VALUE [--context CTX] [--consistency LEVEL] [--durable] [--explain]",
            "  get KEY [--consistency LEVEL] [--explain]",
            "  delete KEY [--context CTX] [--consistency LEVEL] [--durable] [--explain]",
            CrdtCommands.USAGE.lines().filter(line -> line.startsWith("  ")).reduce((a, b) -> a + "\n" + b).orElse(""),
            "LEVEL is one, two, quorum or all (default quorum). Every data command carries the shell's session token",
            "(--cluster and --session-in/-out are given when the shell starts): a get, or a CRDT read, sees every write",
            "and read the shell made before, at any level, or fails with SessionUnsatisfied.",
            "Shell commands:",
            "  session                  show the session token",
            "  session save FILE        write it to FILE (for --session-in of a one-shot command or another shell)",
            "  session load FILE        continue the session a FILE holds",
            "  session new              start a new session (forget the token)",
            "  timing on | off          print each command's wall time in ms (on stderr)",
            "  help                     this text",
            "  quit | exit | Ctrl-D     leave",
            "Quote a word with '...' or \"...\" (put k \"two words\"); \\ makes the next character literal.");

    private final ChorusClient client;
    private final Path sessionOut;
    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;
    private SessionCalls calls;
    private boolean timing;
    private boolean quit;
    private int exitCode = DataCommands.EXIT_OK;

    private Shell(ChorusClient client, SessionCalls calls, ShellArguments arguments, PrintStream out, PrintStream err, Path workingDirectory) {
        this.client = client;
        this.calls = calls;
        this.sessionOut = arguments.sessionOut();
        this.timing = arguments.timing();
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Parses the shell's own arguments, connects, then runs {@code lines} until {@code quit} or
     * their end. {@code interactive}: a person is typing (a prompt and a greeting are shown).
     * Returns the exit code (see {@link #USAGE}).
     */
    public static int run(String[] args, LineSource lines, boolean interactive, PrintStream out, PrintStream err, Path workingDirectory) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            out.println(HELP);
            return DataCommands.EXIT_OK;
        }
        ShellArguments arguments;
        try {
            arguments = ShellArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return DataCommands.EXIT_USAGE;
        }
        try (ChorusClient client = DataCommands.clientBuilder(arguments.connection(), arguments.cluster(), workingDirectory).build()) {
            Shell shell = new Shell(client, SessionCalls.session(client, arguments.sessionIn()), arguments, out, err, workingDirectory);
            if (interactive) {
                out.println("chorus shell, connected to " + client.nodes().size() + " node(s). Type help for the commands, quit or Ctrl-D to leave.");
            }
            return shell.loop(lines, interactive ? "chorus> " : "");
        } catch (IllegalArgumentException | UncheckedIOException e) { // a CA, password or --session-in file that cannot be used
            err.println(e.getMessage());
            return DataCommands.EXIT_USAGE;
        } catch (ChorusException e) { // no seed answered
            err.println(e.getMessage());
            return DataCommands.EXIT_FAILED;
        }
    }

    private int loop(LineSource lines, String prompt) {
        while (!quit) {
            String line = lines.readLine(prompt);
            if (line == null) break;
            long start = System.nanoTime();
            boolean ran = execute(line);
            if (ran && timing) err.printf(Locale.ROOT, "(%.1f ms)%n", (System.nanoTime() - start) / 1e6);
            out.flush();
        }
        return exitCode;
    }

    /** Runs one line; whether it was a data command (what timing measures). */
    boolean execute(String line) {
        List<String> words;
        try {
            words = ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            return failed(DataCommands.EXIT_USAGE, e.getMessage());
        }
        if (words.isEmpty() || words.get(0).startsWith("#")) return false;
        String command = words.get(0);
        switch (command) {
            case "help", "?" -> out.println(HELP);
            case "quit", "exit" -> quit = true;
            case "session" -> session(words.subList(1, words.size()));
            case "timing" -> timing(words.subList(1, words.size()));
            default -> {
                if (DataCommands.COMMANDS.contains(command)) return dataCommand(words.toArray(String[]::new));
                failed(DataCommands.EXIT_USAGE, "unknown command '" + command + "' (help lists the commands)");
            }
        }
        return false;
    }

    private boolean dataCommand(String[] words) {
        String connectionOption = ShellArguments.connectionOption(words);
        if (connectionOption != null) {
            return failed(DataCommands.EXIT_USAGE, connectionOption + " is given when the shell starts (chorus shell " + connectionOption + " ...), not per command");
        }
        try {
            int code;
            if (CrdtCommands.COMMANDS.contains(words[0])) {
                CrdtArguments arguments = CrdtArguments.parse(words);
                if (arguments.sessionIn() != null || arguments.sessionOut() != null) return sessionFileGiven();
                code = CrdtCommands.execute(calls.crdt(), arguments, out);
            } else {
                TtlOption ttl = TtlOption.extract(words);
                DataArguments arguments = DataArguments.parse(ttl.rest());
                ttl.checkFor(arguments.command());
                if (arguments.sessionIn() != null || arguments.sessionOut() != null) return sessionFileGiven();
                code = DataCommands.execute(calls, arguments, ttl.ttl(), out);
            }
            if (sessionOut != null) calls.saveTo(sessionOut);
            return record(code);
        } catch (ChorusException e) {
            return failed(DataCommands.EXIT_FAILED, e.getMessage());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return failed(DataCommands.EXIT_USAGE, e.getMessage() + " (help shows each command's form)");
        }
    }

    private boolean sessionFileGiven() {
        return failed(DataCommands.EXIT_USAGE, "the shell carries its session token itself: use session save FILE or session load FILE");
    }

    private void session(List<String> words) {
        String action = words.isEmpty() ? "show" : words.get(0);
        int wanted = action.equals("save") || action.equals("load") ? 1 : 0;
        if (words.size() - (words.isEmpty() ? 0 : 1) != wanted || !List.of("show", "save", "load", "new").contains(action)) {
            failed(DataCommands.EXIT_USAGE, "session takes nothing, save FILE, load FILE or new");
            return;
        }
        try {
            switch (action) {
                case "save" -> saveSession(workingDirectory.resolve(words.get(1)));
                case "load" -> calls = SessionCalls.session(client, workingDirectory.resolve(words.get(1)));
                case "new" -> calls = SessionCalls.session(client, null);
                default -> out.println(calls.export() == null ? "no token yet (the session's first answer brings one)"
                        : calls.export() + " (" + calls.tokenBytes() + " bytes)");
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            failed(DataCommands.EXIT_USAGE, e.getMessage());
        }
    }

    private void saveSession(Path file) {
        if (calls.export() == null) {
            failed(DataCommands.EXIT_USAGE, "no token yet to save (the session's first answer brings one)");
            return;
        }
        calls.saveTo(file);
        out.println("saved to " + file);
    }

    private void timing(List<String> words) {
        if (words.size() != 1 || !List.of("on", "off").contains(words.get(0))) {
            failed(DataCommands.EXIT_USAGE, "timing takes on or off");
            return;
        }
        timing = words.get(0).equals("on");
    }

    /** Prints {@code message} and remembers the failure for the exit code; returns true (a command ran). */
    private boolean failed(int code, String message) {
        err.println(message);
        return record(code);
    }

    /** A request that failed outranks a line not understood; a get that found nothing is no failure. */
    private boolean record(int code) {
        if (code == DataCommands.EXIT_FAILED || (code == DataCommands.EXIT_USAGE && exitCode != DataCommands.EXIT_FAILED)) exitCode = code;
        return true;
    }
}
