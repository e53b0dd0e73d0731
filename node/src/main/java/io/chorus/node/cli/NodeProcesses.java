package io.chorus.node.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The node processes of a local cluster, found through their pid files. A recorded pid counts as the
 * node only while its process's command line runs that node's config: a pid reused by a stranger is
 * never reported as running, and so never signalled.
 */
final class NodeProcesses {
    private static final int LOG_TAIL_BYTES_MAX = 16 * 1024;

    private NodeProcesses() {
    }

    /** The pid in the node's pid file, if there is a readable one. */
    static OptionalLong recordedPid(ClusterDir dir, String name) {
        Path file = dir.pidFile(name);
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // unreadable or torn: treat as a node that is down
        }
    }

    /** The node's live process, if its recorded pid is alive and runs this node. */
    static Optional<ProcessHandle> live(ClusterDir dir, String name) {
        OptionalLong pid = recordedPid(dir, name);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Path config = dir.configFile(name);
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(process -> runsNode(process, config));
    }

    static boolean runsNode(ProcessHandle process, Path configFile) {
        return commandLine(process).map(arguments -> NodeLaunch.runsNode(arguments, configFile)).orElse(false);
    }

    /**
     * The process's whole command line. On Linux from {@code /proc/<pid>/cmdline}, exactly: the
     * JDK's {@link ProcessHandle.Info} gives no arguments at all for a command line over a page.
     */
    static Optional<List<String>> commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
            if (!raw.isEmpty()) {
                return Optional.of(Arrays.asList(raw.split("\0")));
            }
        } catch (IOException e) {
            // no /proc (not Linux) or the process is gone: ask the JDK
        }
        ProcessHandle.Info info = process.info();
        Optional<List<String>> arguments = info.arguments().map(Arrays::asList);
        if (arguments.isPresent()) {
            return arguments;
        }
        // some systems only give the whole line; split on blanks (a path with blanks then fails safe)
        return info.commandLine().map(line -> Arrays.asList(line.split(" ")));
    }

    /** Starts the node in the background, its output appended to its log, and records its pid. */
    static Process launch(NodeLaunch launch, ClusterDir dir, NodeSpec node) {
        Path log = dir.logFile(node.name());
        try {
            Files.writeString(log, "---- " + Instant.now() + " chorus cluster start: starting " + node.name() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(launch.command(dir.configFile(node.name())));
            builder.environment().putAll(launch.environment());
            Process process = builder
                    .directory(dir.nodeDir(node.name()).toFile())
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close(); // a node reads no input; EOF rather than a pipe to us
            ClusterFiles.writeAtomically(dir.pidFile(node.name()), process.pid() + "\n");
            return process;
        } catch (IOException e) {
            throw new CliException("cannot start " + node.name() + ": " + Main.describe(e), e);
        }
    }

    /** The last lines of the node's log, to show why it failed to start. */
    static String logTail(ClusterDir dir, String name, int linesMax) {
        try (RandomAccessFile file = new RandomAccessFile(dir.logFile(name).toFile(), "r")) {
            byte[] tail = new byte[(int) Math.min(file.length(), LOG_TAIL_BYTES_MAX)];
            file.seek(file.length() - tail.length);
            file.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - linesMax), lines.size()));
        } catch (IOException e) {
            return "(no log: " + Main.describe(e) + ")";
        }
    }
}
