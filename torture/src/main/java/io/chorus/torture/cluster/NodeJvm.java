package io.chorus.torture.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a node process is run: this JVM's java binary and Chronicle flags, and this JVM's classpath
 * copied into a directory every node user can read (the originals may sit under a private home).
 * One harness at a time per directory: the copy replaces what was there.
 * libfaketime is preloaded when installed, reading its offset from a file per node.
 */
public record NodeJvm(String java, List<String> flags, Path libDir, Path fakeTimeLibrary) {
    static final String MAIN_CLASS = "io.chorus.node.cli.Main";
    private static final List<Path> FAKETIME_LOCATIONS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"));
    /** Small heaps and the quick compiler: five nodes and the harness share a small machine. */
    private static final List<String> NODE_FLAGS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-ea");

    /** The JVM of this process, its classpath copied into {@code libDir}. */
    public static NodeJvm ofCurrent(Path libDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> flags = new ArrayList<>(NODE_FLAGS);
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-exports") || flag.startsWith("--add-opens") || flag.startsWith("-Dchronicle.")
                    || flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc-unsafe-memory-access")) {
                flags.add(flag);
            }
        }
        copyClassPath(libDir);
        Path fakeTime = FAKETIME_LOCATIONS.stream().filter(Files::isReadable).findFirst().orElse(null);
        return new NodeJvm(java, List.copyOf(flags), libDir, fakeTime);
    }

    public boolean canSkewClocks() {
        return fakeTimeLibrary != null;
    }

    /** The classpath the node runs with: every jar and class directory of this JVM's, copied. */
    String classPath() {
        return libDir + "/*:" + libDir.resolve("classes");
    }

    private static void copyClassPath(Path libDir) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try {
            deleteTree(libDir); // no jar left over from an older build
            Files.createDirectories(libDir.resolve("classes"));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path source = Path.of(entry);
                if (Files.isRegularFile(source) && entry.endsWith(".jar")) {
                    Files.copy(source, libDir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } else if (Files.isDirectory(source)) {
                    copyTree(source, libDir.resolve("classes"));
                }
            }
            Shell.run("chmod", "-R", "a+rX", libDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the classpath into " + libDir, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(file);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
