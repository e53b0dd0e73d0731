package io.chorus.replication;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * forbiddenapis (run in `mvn verify`, signatures in deterministic-core.signatures) bans clocks,
 * unseeded randomness, the environment, threads, files and sockets in the core's bytecode; a keyword
 * leaves no call to ban, so `synchronized` is checked in the sources here.
 */
class DeterministicCoreRulesTest {
    private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");

    @Test
    void theCoreTakesNoLocks() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../crdt/src/main/java"))) {
            assertTrue(Files.isDirectory(root), "source folder " + root.toAbsolutePath() + " not found");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                    if (SYNCHRONIZED.matcher(code).find()) offenders.add(file.toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "the protocol core is single-threaded by design: no locks");
    }
}
