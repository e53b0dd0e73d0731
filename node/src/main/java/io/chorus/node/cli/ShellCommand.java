package io.chorus.node.cli;

import io.chorus.client.cli.Shell;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code chorus shell}: the client's {@link Shell} fed from a terminal (JLine: line editing,
 * completion of the command words, history kept across runs in {@link #historyFile()}) when a person
 * is typing, else from the plain input stream with no prompt, so it can be piped or scripted.
 */
final class ShellCommand {
    /** Environment variable naming the history file; unset: {@code ~/.chorus_history}. */
    static final String HISTORY_VARIABLE = "CHORUS_HISTORY";
    /** Lines the history file keeps (the oldest go first). */
    static final int HISTORY_LINES_MAX = 1000;

    private ShellCommand() {
    }

    /** @param in the input: a terminal's ({@link System#in} with a console) gets line editing, anything else is read plainly */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        String[] arguments = args.toArray(String[]::new);
        if (in != System.in || System.console() == null) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return Shell.run(arguments, prompt -> readLine(reader), false, out, err, Path.of(""));
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return Shell.run(arguments, lineEditor(terminal, historyFile()), true, out, err, Path.of(""));
        } catch (IOException e) {
            throw new CliException("cannot open the terminal: " + e.getMessage());
        }
    }

    /** Lines typed at {@code terminal}: Ctrl-C drops the line being typed, Ctrl-D on an empty line ends the input. */
    static Shell.LineSource lineEditor(Terminal terminal, Path history) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("chorus")
                .completer(new StringsCompleter(Shell.COMMANDS))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_LINES_MAX)
                .variable(LineReader.HISTORY_SIZE, HISTORY_LINES_MAX)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // a '!' in a value is a '!', not a history reference
                .build();
        return prompt -> {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                return "";
            } catch (EndOfFileException e) {
                return null;
            }
        };
    }

    static Path historyFile() {
        String named = System.getenv(HISTORY_VARIABLE);
        if (named != null && !named.isBlank()) return Path.of(named);
        return Path.of(System.getProperty("user.home"), ".chorus_history");
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shell's input: " + e.getMessage(), e);
        }
    }
}
