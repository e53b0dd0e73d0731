package io.chorus.node.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Files reloaded without a restart (certificate and key, users): a change is picked up by the next
 * {@code get()}; a reload that fails (here: a "certificate" replaced before its "key", so the two do
 * not match yet, as during a real rotation) keeps the previous version, and the pair loads once both
 * are in place. The end-to-end case (a replaced certificate served to new TLS connections) is
 * TlsEndToEndTest.
 */
class ReloadingFilesTest {
    @TempDir
    Path dir;

    private int loads;

    @Test
    void aChangedFileIsReloadedAndABadReloadKeepsThePreviousVersion() throws IOException {
        Path cert = dir.resolve("node.crt");
        Path key = dir.resolve("node.key");
        write(cert, "cert v1", 1);
        write(key, "key v1", 1);
        ReloadingFiles<String> files = new ReloadingFiles<>("test pair", List.of(cert, key), () -> loadPair(cert, key));
        assertEquals("v1", files.get());
        assertEquals("v1", files.get());
        assertEquals(1, loads, "unchanged files are not read again");

        write(cert, "cert v2", 2); // the certificate is replaced first: it no longer matches the key
        assertEquals("v1", files.get(), "a pair that does not load keeps the previous one");
        assertEquals("v1", files.get());
        assertEquals(2, loads, "a failed reload is tried once per change, not on every connection");

        write(key, "key v2", 3); // then the key: the pair matches again
        assertEquals("v2", files.get());

        Files.delete(key); // a file missing for a moment (being replaced): still the previous one
        assertEquals("v2", files.get());
        write(key, "key v2", 4);
        assertEquals("v2", files.get());
    }

    @Test
    void theFirstLoadMustSucceed() throws IOException {
        Path cert = dir.resolve("node.crt");
        Path key = dir.resolve("node.key");
        write(cert, "cert v1", 1);
        write(key, "key v2", 1);
        assertThrows(IllegalArgumentException.class, () -> new ReloadingFiles<>("test pair", List.of(cert, key), () -> loadPair(cert, key)));
    }

    /** A stand-in for a certificate and its key: both must name the same version. */
    private String loadPair(Path cert, Path key) {
        loads++;
        try {
            String certVersion = Files.readString(cert).replace("cert ", "");
            String keyVersion = Files.readString(key).replace("key ", "");
            if (!certVersion.equals(keyVersion)) throw new IllegalArgumentException("the key does not match the certificate");
            return certVersion;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes and sets a distinct modification time (a rotation a second apart), so the change shows whatever the clock's resolution. */
    private static void write(Path file, String text, int second) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }
}
