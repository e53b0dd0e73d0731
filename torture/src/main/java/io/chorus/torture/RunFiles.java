package io.chorus.torture;

import io.chorus.simulation.check.Violation;
import io.chorus.simulation.history.Op;
import io.chorus.torture.nemesis.TimedFault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's directory: one sub-directory per node (config, data, {@code node.log}, storage watch log),
 * and the run's own {@code schedule.txt}, {@code nemesis.txt}, {@code history.txt} (every op, one a
 * line) and {@code verdicts.txt}. Kept when the run failed (or with --keep), deleted otherwise.
 */
final class RunFiles {
    private RunFiles() {
    }

    /** An empty directory at {@code dir}, whatever an earlier run of the same seed left there. */
    static Path freshDir(Path dir) {
        delete(dir);
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + dir, e);
        }
    }

    static void write(Path dir, List<TimedFault> schedule, List<String> nemesisLog, List<Op> ops, Map<String, List<Violation>> verdicts) {
        try {
            Files.write(dir.resolve("schedule.txt"), schedule.stream().map(TimedFault::toString).toList(), StandardCharsets.UTF_8);
            Files.write(dir.resolve("nemesis.txt"), nemesisLog, StandardCharsets.UTF_8);
            Files.write(dir.resolve("history.txt"), (Iterable<String>) ops.stream().map(Op::describe)::iterator, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            verdicts.forEach((checker, found) -> {
                lines.add(checker + ": " + (found.isEmpty() ? "valid" : found.size() + " violation(s)"));
                found.forEach(v -> lines.add("    " + v.explanation()));
            });
            Files.write(dir.resolve("verdicts.txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's files into " + dir, e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
