package io.chorus.node.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to run a node as a child process: the same java binary, classpath and JVM flags as the current
 * JVM (which the launcher started with the Chronicle flags), so a node runs exactly the code and
 * settings of the command that started it. Under {@code setsid} where there is one, so the node gets
 * its own session and survives the terminal closing and Ctrl-C.
 */
record NodeLaunch(String javaCommand, String classPath, List<String> jvmFlags, Optional<Path> setsid) {
    static final String MAIN_CLASS = Main.class.getName();
    private static final List<Path> SETSID_LOCATIONS = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    NodeLaunch {
        jvmFlags = List.copyOf(jvmFlags);
    }

    static NodeLaunch ofCurrentJvm() {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(NodeLaunch::inheritable)
                .toList();
        Optional<Path> setsid = SETSID_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
        return new NodeLaunch(java, System.getProperty("java.class.path"), flags, setsid);
    }

    /**
     * A debugger agent would make every child try to bind the same debug port; everything else (the
     * Chronicle flags, heap settings, -ea) is what the node should run with too.
     */
    static boolean inheritable(String jvmFlag) {
        return !jvmFlag.startsWith("-agentlib:jdwp") && !jvmFlag.startsWith("-Xrunjdwp") && !jvmFlag.equals("-Xdebug");
    }

    /**
     * The command line that runs {@code node --config configFile}. The classpath goes in the
     * environment ({@link #environment}): a command line of thousands of characters is truncated by
     * some process listings, and then the node could no longer be recognised by it.
     */
    List<String> command(Path configFile) {
        assert configFile.isAbsolute() : "the node's working directory differs from ours";
        List<String> command = new ArrayList<>();
        setsid.ifPresent(path -> command.add(path.toString()));
        command.add(javaCommand);
        command.addAll(jvmFlags);
        command.add(MAIN_CLASS);
        command.add("node");
        command.add("--config");
        command.add(configFile.toString());
        return command;
    }

    /** Environment variables the node process needs on top of ours. */
    Map<String, String> environment() {
        return Map.of("CLASSPATH", classPath);
    }

    /** Whether a process's command line is a node running {@code configFile}: how we recognise our own. */
    static boolean runsNode(List<String> arguments, Path configFile) {
        int main = arguments.indexOf(MAIN_CLASS);
        return main >= 0 && arguments.subList(main + 1, arguments.size()).equals(List.of("node", "--config", configFile.toString()));
    }
}
