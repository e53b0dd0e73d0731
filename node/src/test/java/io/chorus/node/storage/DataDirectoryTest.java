package io.chorus.node.storage;

import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The actor epoch: kept across clean restarts, one more after every unclean one, durable before the node can mint. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    private ChronicleStorage open(DataDirectory directory) {
        return ChronicleStorage.open(directory, ChronicleStorageTest.SIZING, new Codec(), "test");
    }

    /** Opens the directory's storage, writes a key, and closes cleanly or as a crash would; returns the run's epoch. */
    private long run(boolean clean) {
        DataDirectory directory = DataDirectory.acquire(dir);
        long epoch = directory.actorEpoch();
        ChronicleStorage storage = open(directory);
        storage.put(Key.of("k"), ChronicleStorageTest.siblings("v"));
        if (clean) storage.close(); else storage.closeWithoutMarker();
        return epoch;
    }

    @Test
    void aNewDirectoryStartsInEpochZero() {
        try (DataDirectory directory = DataDirectory.acquire(dir)) {
            assertEquals(0, directory.actorEpoch());
            assertFalse(directory.actorEpochAdvanced());
            assertFalse(directory.previousRunClean(), "no previous run");
        }
    }

    @Test
    void theEpochSurvivesCleanRestartsAndGoesUpOnlyAfterAnUncleanOne() {
        assertEquals(0, run(true));
        assertEquals(0, run(false), "a clean close keeps the epoch");
        assertEquals(1, run(true), "the run after a crash mints in the next epoch");
        assertEquals(1, run(true), "which a clean close keeps");
        assertEquals(1, run(false));
        assertEquals(2, run(false));
        try (DataDirectory directory = DataDirectory.acquire(dir)) {
            assertEquals(3, directory.actorEpoch());
            assertTrue(directory.actorEpochAdvanced());
        }
    }

    @Test
    void theNewEpochIsOnDiskWhenAcquireReturns() throws Exception {
        run(false);
        try (DataDirectory directory = DataDirectory.acquire(dir)) {
            assertEquals(1, directory.actorEpoch());
            assertEquals("1\n", Files.readString(directory.actorEpochFile(), StandardCharsets.US_ASCII), "written before the storage opens");
            assertFalse(Files.exists(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE + ".tmp")), "by rename, leaving no temp file");
        }
        // The acquire above opened no storage and removed no marker: a start that fails this early still counts as unclean.
        try (DataDirectory directory = DataDirectory.acquire(dir)) {
            assertEquals(2, directory.actorEpoch());
        }
    }

    @Test
    void epochZeroIsNotWrittenSoADirectoryFromBeforeEpochsExistedReadsAsEpochZero() {
        run(true);
        assertFalse(Files.exists(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE)));
        assertEquals(0, run(false), "its data is the plain name's");
        assertEquals(1, run(true));
    }

    @Test
    void aDamagedEpochFileStopsTheStartInsteadOfGuessing() throws Exception {
        run(false);
        Files.writeString(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE), "banana\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirectory.acquire(dir));
        assertTrue(e.getMessage().contains("does not hold a number >= 0 but \"banana\""), e.getMessage());
        Files.writeString(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE), "7\n");
        try (DataDirectory directory = DataDirectory.acquire(dir)) {
            assertEquals(8, directory.actorEpoch(), "the failed start released the lock; the fixed file counts");
        }
    }
}
