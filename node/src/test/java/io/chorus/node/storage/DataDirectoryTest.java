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

/**
 * The actor epoch: a new directory's first start's millisecond, kept across clean restarts, one more
 * after every unclean one, durable before the node can mint.
 */
class DataDirectoryTest {
    /** The wall clock at the directory's first start (2025-11-24), a second later at each later start. */
    static final long FIRST_START = 1_764_000_000_000L;

    @TempDir
    Path dir;
    private long starts;

    private DataDirectory acquire() {
        return DataDirectory.acquire(dir, FIRST_START + 1_000 * starts++);
    }

    private ChronicleStorage open(DataDirectory directory) {
        return ChronicleStorage.open(directory, ChronicleStorageTest.SIZING, new Codec(), "test");
    }

    /** Opens the directory's storage, writes a key, and closes cleanly or as a crash would; returns the run's epoch. */
    private long run(boolean clean) {
        DataDirectory directory = acquire();
        long epoch = directory.actorEpoch();
        ChronicleStorage storage = open(directory);
        storage.put(Key.of("k"), ChronicleStorageTest.siblings("v"));
        if (clean) storage.close(); else storage.closeWithoutMarker();
        return epoch;
    }

    @Test
    void aNewDirectoryStartsInTheEpochOfItsFirstStartsMillisecond() throws Exception {
        try (DataDirectory directory = acquire()) {
            assertEquals(FIRST_START, directory.actorEpoch());
            assertEquals(FIRST_START + "\n", Files.readString(directory.actorEpochFile(), StandardCharsets.US_ASCII));
            assertFalse(directory.actorEpochAdvanced(), "nothing was lost: no warning");
            assertFalse(directory.previousRunClean(), "no previous run");
        }
    }

    @Test
    void theEpochSurvivesCleanRestartsAndGoesUpOnlyAfterAnUncleanOne() {
        assertEquals(FIRST_START, run(true));
        assertEquals(FIRST_START, run(false), "a clean close keeps the epoch");
        assertEquals(FIRST_START + 1, run(true), "the run after a crash mints in the next epoch");
        assertEquals(FIRST_START + 1, run(true), "which a clean close keeps");
        assertEquals(FIRST_START + 1, run(false));
        assertEquals(FIRST_START + 2, run(false));
        try (DataDirectory directory = acquire()) {
            assertEquals(FIRST_START + 3, directory.actorEpoch());
            assertTrue(directory.actorEpochAdvanced());
        }
    }

    @Test
    void theNewEpochIsOnDiskWhenAcquireReturns() throws Exception {
        run(false);
        try (DataDirectory directory = acquire()) {
            assertEquals(FIRST_START + 1, directory.actorEpoch());
            assertEquals((FIRST_START + 1) + "\n", Files.readString(directory.actorEpochFile(), StandardCharsets.US_ASCII), "written before the storage opens");
            assertFalse(Files.exists(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE + ".tmp")), "by rename, leaving no temp file");
        }
        // The acquire above opened no storage and removed no marker: a start that fails this early still counts as unclean.
        try (DataDirectory directory = acquire()) {
            assertEquals(FIRST_START + 2, directory.actorEpoch());
        }
    }

    @Test
    void aDirectoryFromBeforeEpochsExistedReadsAsEpochZero() throws Exception {
        run(true);
        Files.delete(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE)); // a used directory, stopped cleanly, with no epoch file
        assertEquals(0, run(true), "its data is the plain name's");
        assertFalse(Files.exists(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE)), "epoch 0 is not written");
        assertEquals(0, run(false));
        assertEquals(1, run(true));
    }

    @Test
    void aWipedDirectoryStartsAboveEveryEpochOfTheOneItReplaces() throws Exception {
        run(false);
        run(false);
        long lost = run(true);
        assertEquals(FIRST_START + 2, lost);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) Files.delete(file); // the disk replaced, the node's name kept
        }
        long replaced = run(true);
        assertTrue(replaced > lost, "minting as " + replaced + " after " + lost + " would name new values with the lost life's dots");
        assertEquals(FIRST_START + 3_000, replaced, "the new directory's first start");
    }

    @Test
    void aMapFileRemovedAfterACleanStopCountsAsLost() throws Exception {
        assertEquals(FIRST_START, run(true));
        Files.delete(dir.resolve(ChronicleStorage.MAP_FILE));
        assertEquals(FIRST_START + 1, run(true), "the clean-shutdown marker vouched for writes that are gone");
    }

    @Test
    void aDamagedEpochFileStopsTheStartInsteadOfGuessing() throws Exception {
        run(false);
        Files.writeString(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE), "banana\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, this::acquire);
        assertTrue(e.getMessage().contains("does not hold a number >= 0 but \"banana\""), e.getMessage());
        Files.writeString(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE), "7\n");
        try (DataDirectory directory = acquire()) {
            assertEquals(8, directory.actorEpoch(), "the failed start released the lock; the fixed file counts");
        }
    }
}
