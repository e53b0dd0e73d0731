package io.chorus.node.storage;

import io.chorus.node.support.JavaProcess;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 in the middle of durable writes, then the worst a power loss could do to the unsynced map: lose the file. */
class WalCrashTest {
    @TempDir
    Path dir;

    @Test
    void durableWritesComeBackFromTheLogEvenWithoutTheMapFile() throws Exception {
        Process writer = JavaProcess.start(DurableWriterProcess.class, dir.toString(), "300");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("durable")) seen.append(line).append('\n');
            assertEquals("durable", line, "the writer process failed:\n" + seen);
        } finally {
            writer.destroyForcibly(); // SIGKILL mid-write: the log's last record may be cut short
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        Files.delete(dir.resolve(ChronicleStorage.MAP_FILE)); // the map's pages were never fsynced: assume all lost

        Codec codec = new Codec(64 << 20);
        try (ChronicleStorage storage = ChronicleStorage.open(DataDirectory.acquire(dir), ChronicleStorageTest.SIZING, codec, "test")) {
            assertEquals(0, storage.size());
            WriteAheadLog wal = WriteAheadLog.open(dir.resolve("wal"));
            WalReplay replay = WalReplay.replay("test", wal.olderSegments(), storage, codec, 1 << 20);
            assertTrue(replay.records() >= 300, "every durable write was logged: " + replay);
            assertTrue(replay.damage().isEmpty(), "only the end can be cut short: " + replay.damage());
            for (int i = 0; i < 300; i++) assertEquals(ChronicleStorageTest.siblings("value-" + i), storage.get(Key.of("key-" + i)), "key-" + i);
            RecoveryReport report = new RecoveryReport("n1", false, false, null, storage.size(), replay);
            assertFalse(report.lostSomething(), report.describe());
            assertTrue(report.describe().contains("durable writes from the write-ahead log"), report.describe());
        }
    }
}
