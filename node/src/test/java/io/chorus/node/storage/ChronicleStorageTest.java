package io.chorus.node.storage;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.node.support.JavaProcess;
import io.chorus.replication.env.StorageFullException;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleStorageTest {
    /** Small enough to create in a blink; room for 1 MiB values as in production. */
    static final StorageSizing SIZING = new StorageSizing(2_000, 256, 1024, 1 << 20);

    @TempDir
    Path dir;

    static KeyState siblings(String value) {
        return KeyState.empty().update(VersionVector.empty(), value.getBytes(StandardCharsets.UTF_8), "n1");
    }

    private ChronicleStorage open(StorageSizing sizing) {
        return ChronicleStorage.open(DataDirectory.acquire(dir), sizing, new Codec(64 << 20), "test");
    }

    @Test
    void anEmptyStateRemovesTheKey() {
        try (ChronicleStorage storage = open(SIZING)) {
            storage.put(Key.of("hint"), siblings("1"));
            storage.put(Key.of("hint"), KeyState.empty()); // a handed-over hint, a forgotten tombstone
            assertNull(storage.get(Key.of("hint")));
            assertEquals(0, storage.size());
        }
    }

    @Test
    void aScanVisitsEveryWantedKeyOnceASegmentAtATimeAndKnowsWhichKeysItPassed() {
        try (ChronicleStorage storage = open(SIZING)) {
            for (int i = 0; i < 1_000; i++) storage.put(Key.of("k" + i), siblings("v" + i));
            var scan = storage.scan();
            java.util.Set<Key> seen = new java.util.HashSet<>();
            int chunks = 0;
            boolean more = true;
            while (more) {
                more = scan.next(10, key -> !key.equals(Key.of("k7")), (key, state) -> {
                    assertTrue(seen.add(key), key + " visited twice");
                    assertEquals(storage.get(key), state);
                    assertTrue(scan.passed(key), "a visited key is passed");
                });
                chunks++;
            }
            assertEquals(999, seen.size(), "every key but the unwanted one");
            assertTrue(chunks > 1, "in more than one chunk: " + chunks);
            assertTrue(scan.passed(Key.of("k7")));
        }
    }

    @Test
    void putGetAndReopenAfterCleanClose() {
        try (ChronicleStorage storage = open(SIZING)) {
            assertNull(storage.get(Key.of("a")));
            storage.put(Key.of("a"), siblings("1"));
            storage.put(Key.of("b"), siblings("2"));
            storage.put(Key.of("a"), siblings("3"));
            assertEquals(siblings("3"), storage.get(Key.of("a")));
            assertEquals(2, storage.size());
            assertFalse(storage.recovered());
        }
        assertTrue(Files.exists(dir.resolve(DataDirectory.CLEAN_SHUTDOWN_MARKER)), "a clean close leaves the marker");
        try (ChronicleStorage storage = open(SIZING)) {
            assertFalse(storage.recovered(), "a clean close needs no recovery");
            assertFalse(Files.exists(dir.resolve(DataDirectory.CLEAN_SHUTDOWN_MARKER)), "the marker is gone while the node runs");
            assertEquals(siblings("3"), storage.get(Key.of("a")));
            assertEquals(siblings("2"), storage.get(Key.of("b")));
            assertEquals(2, storage.size());
        }
    }

    @Test
    void reopenWithoutMarkerRecoversAndKeepsData() {
        ChronicleStorage first = open(SIZING);
        first.put(Key.of("kept"), siblings("yes"));
        first.closeWithoutMarker();
        assertFalse(Files.exists(dir.resolve(DataDirectory.CLEAN_SHUTDOWN_MARKER)));
        try (ChronicleStorage storage = open(SIZING)) {
            assertTrue(storage.recovered(), "no marker: opened with recovery");
            assertEquals(siblings("yes"), storage.get(Key.of("kept")));
            storage.put(Key.of("after"), siblings("works"));
            assertEquals(siblings("works"), storage.get(Key.of("after")));
        }
    }

    @Test
    void killDashNineMidWriteThenRecoverKeepsEverythingWritten() throws Exception {
        Process writer = JavaProcess.start(StorageWriterProcess.class, dir.toString(), "500");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("written")) seen.append(line).append('\n');
            assertEquals("written", line, "the writer process failed:\n" + seen);
        } finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no marker, locks maybe held
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        long writersEpoch = Long.parseLong(Files.readString(dir.resolve(DataDirectory.ACTOR_EPOCH_FILE)).strip());
        long start = System.nanoTime();
        DataDirectory directory = DataDirectory.acquire(dir);
        assertEquals(writersEpoch + 1, directory.actorEpoch(), "the run after kill -9 mints in a new epoch");
        try (ChronicleStorage storage = ChronicleStorage.open(directory, SIZING, new Codec(64 << 20), "test")) {
            assertTrue(storage.recovered());
            MapRecovery recovery = storage.recovery().orElseThrow();
            assertEquals(0, recovery.entriesDropped(), "a kill -9 damages no entry that was written whole");
            assertTrue(recovery.keysReadable() >= 500, "every key written before the kill reads back: " + recovery.keysReadable());
            for (int i = 0; i < 500; i++) assertEquals(siblings("value-" + i), storage.get(Key.of("key-" + i)), "key-" + i);
            for (int i = 0; i < 100; i++) storage.put(Key.of("busy-" + i), siblings("after")); // the segments the kill interrupted
            assertEquals(siblings("after"), storage.get(Key.of("busy-7")));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 20_000, "recovery and the first writes must not block on a dead process's lock; took " + millis + " ms");
    }

    @Test
    void recoveryCountsReadableKeysAndRemovesEntriesThatDoNotDecode() {
        ChronicleStorage first = open(SIZING);
        for (int i = 0; i < 50; i++) first.put(Key.of("k" + i), siblings("v" + i));
        first.putRaw("garbage".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0x13, 0x00});
        first.closeWithoutMarker();
        try (ChronicleStorage storage = open(SIZING)) {
            MapRecovery recovery = storage.recovery().orElseThrow();
            assertEquals(50, recovery.keysReadable());
            assertEquals(1, recovery.undecodableRemoved());
            assertEquals(1, recovery.entriesDropped());
            assertEquals(50, storage.size(), "the undecodable entry is gone");
            assertEquals(siblings("v7"), storage.get(Key.of("k7")));
            RecoveryReport report = new RecoveryReport("n1", false, false, recovery, storage.size(), new WalReplay(0, 0, 0, 0, 0, 0, java.util.List.of()));
            assertTrue(report.lostSomething());
            assertTrue(report.describe().startsWith("n1: previous run did not stop cleanly; recovered store.cm3: 50 keys readable, 1 entry dropped"
                    + " (1 did not decode"), report.describe());
        }
        try (ChronicleStorage storage = open(SIZING)) {
            assertTrue(storage.recovery().isEmpty(), "a clean close needs no recovery");
        }
    }

    @Test
    void fullStorageRefusesCleanlyAndKeepsOldValues() {
        try (ChronicleStorage storage = open(new StorageSizing(100, 100, 64, 4096))) {
            storage.put(Key.of("first"), siblings("original"));
            byte[] value = new byte[100];
            StorageFullException full = assertThrows(StorageFullException.class, () -> {
                for (int i = 0; i < 100_000; i++) storage.put(Key.of("fill-" + i), siblings(new String(value, StandardCharsets.ISO_8859_1)));
            });
            assertTrue(full.getMessage().contains("storage.entriesMax"), full.getMessage());
            long size = storage.size();
            assertThrows(StorageFullException.class, () -> storage.put(Key.of("one-more"), siblings("x".repeat(100))));
            assertEquals(size, storage.size(), "a refused put applies nothing");
            assertEquals(siblings("original"), storage.get(Key.of("first")));
        }
    }

    @Test
    void entryLargerThanASegmentTierIsRefusedAndTheOldStateKept() {
        try (ChronicleStorage storage = open(new StorageSizing(1000, 100, 64, 1000))) {
            storage.put(Key.of("k"), siblings("small"));
            StorageFullException tooLarge = assertThrows(StorageFullException.class, () -> storage.put(Key.of("k"), siblings("x".repeat(8 << 20))));
            assertTrue(tooLarge.getMessage().contains("Value too large"), tooLarge.getMessage());
            assertEquals(siblings("small"), storage.get(Key.of("k")));
        }
    }

    @Test
    void largestValuesFitUnderOneKey() {
        try (ChronicleStorage storage = open(SIZING)) {
            byte[] big = new byte[1 << 20];
            KeyState state = KeyState.empty();
            for (int i = 0; i < StorageSizing.LARGEST_VALUES_PER_ENTRY; i++) {
                state = state.update(VersionVector.empty(), big, "n" + i);
                storage.put(Key.of("big"), state);
            }
            assertEquals(StorageSizing.LARGEST_VALUES_PER_ENTRY, storage.get(Key.of("big")).size());
        }
    }

    @Test
    void forEachVisitsEverythingAndTheVisitorMayWrite() {
        try (ChronicleStorage storage = open(SIZING)) {
            for (int i = 0; i < 300; i++) storage.put(Key.of("k" + i), siblings("v" + i));
            TreeMap<String, KeyState> seen = new TreeMap<>();
            storage.forEach((key, value) -> {
                seen.put(key.asString(), value);
                storage.put(key, siblings("rewritten")); // would deadlock if the segment lock were held
            });
            assertEquals(300, seen.size());
            assertEquals(siblings("v42"), seen.get("k42"));
            assertEquals(siblings("rewritten"), storage.get(Key.of("k42")));
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFails() {
        try (ChronicleStorage storage = open(SIZING)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirectory.acquire(dir));
            assertTrue(e.getMessage().contains("is in use by another running node"), e.getMessage());
            assertTrue(storage.isOpen());
        }
        DataDirectory.acquire(dir).close(); // released by the clean close
    }

    @Test
    void keysAreBytesNotIdentities() {
        try (ChronicleStorage storage = open(SIZING)) {
            storage.put(Key.of(new byte[] {1, 2, 3}), siblings("bytes"));
            assertEquals(siblings("bytes"), storage.get(Key.of(new byte[] {1, 2, 3})));
            assertArrayEquals("bytes".getBytes(StandardCharsets.UTF_8), storage.get(Key.of(new byte[] {1, 2, 3})).liveValues().get(0));
        }
    }
}
