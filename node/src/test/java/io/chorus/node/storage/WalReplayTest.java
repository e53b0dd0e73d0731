package io.chorus.node.storage;

import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalReplayTest {
    private final Codec codec = new Codec(1 << 20);

    @TempDir
    Path dir;

    private static KeyState write(KeyState before, String value, String actor) {
        return before.update(before.context(), value.getBytes(StandardCharsets.UTF_8), actor);
    }

    private List<Path> log(Object... keysAndStates) throws IOException {
        WriteAheadLog wal = WriteAheadLog.open(dir);
        wal.roll();
        WalBatch batch = new WalBatch();
        for (int i = 0; i < keysAndStates.length; i += 2) {
            batch.add(Key.of((String) keysAndStates[i]), codec.encodeSiblings((KeyState) keysAndStates[i + 1]));
        }
        wal.append(batch.contents());
        wal.sync();
        wal.close();
        return WriteAheadLog.open(dir).olderSegments();
    }

    private WalReplay replay(List<Path> segments, InMemoryStorage storage) {
        return WalReplay.replay("test", segments, storage, codec, 1 << 20);
    }

    @Test
    void restoresLostKeysMergesBehindOnesAndNeverRollsBack() throws IOException {
        KeyState a1 = write(KeyState.empty(), "a1", "n1");
        KeyState a2 = write(a1, "a2", "n1");            // a later write of a, seen a1
        KeyState b1 = write(KeyState.empty(), "b1", "n1");
        KeyState cOther = write(KeyState.empty(), "c-other", "n2");
        KeyState cLog = write(KeyState.empty(), "c-log", "n1"); // concurrent with cOther
        List<Path> segments = log("a", a1, "b", b1, "c", cLog);

        InMemoryStorage storage = new InMemoryStorage();
        storage.put(Key.of("a"), a2);     // the map is ahead of the log for a
        storage.put(Key.of("c"), cOther); // and concurrent for c
        WalReplay replay = replay(segments, storage);

        assertEquals(3, replay.records());
        assertEquals(2, replay.keysBehind(), "b was lost and c lacked the logged sibling; a was ahead");
        assertEquals(a2, storage.get(Key.of("a")), "replay never rolls a key back");
        assertEquals(b1, storage.get(Key.of("b")));
        assertEquals(cOther.merge(cLog), storage.get(Key.of("c")));
        assertEquals(2, storage.get(Key.of("c")).siblings().size());

        InMemoryStorage before = storage.copy();
        WalReplay again = replay(segments, storage);
        assertEquals(0, again.keysBehind(), "a second replay changes nothing");
        before.forEach((key, state) -> assertEquals(state, storage.get(key)));
    }

    @Test
    void aRecordThatDoesNotDecodeIsCountedAndSkipped() throws IOException {
        WriteAheadLog wal = WriteAheadLog.open(dir);
        wal.roll();
        WalBatch batch = new WalBatch();
        batch.add(Key.of("bad"), new byte[] {1, 2, 3});
        batch.add(Key.of("good"), codec.encodeSiblings(write(KeyState.empty(), "g", "n1")));
        wal.append(batch.contents());
        wal.sync();
        wal.close();
        InMemoryStorage storage = new InMemoryStorage();
        WalReplay replay = replay(WriteAheadLog.open(dir).olderSegments(), storage);
        assertEquals(2, replay.records());
        assertEquals(1, replay.undecodable());
        assertEquals(1, storage.size());
    }

    @Test
    void aTornTailOfTheNewestSegmentIsDroppedAndReportedAsSuch() throws IOException {
        List<Path> segments = log("x", write(KeyState.empty(), "x", "n1"), "y", write(KeyState.empty(), "y", "n1"));
        Path newest = segments.get(0);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        InMemoryStorage storage = new InMemoryStorage();
        WalReplay replay = replay(segments, storage);
        assertEquals(1, replay.records());
        assertTrue(replay.tornTailBytes() > 0);
        assertTrue(replay.damage().isEmpty(), "a torn tail is the normal end after a crash, not damage");
        RecoveryReport report = new RecoveryReport("n1", false, false, null, storage.size(), replay);
        assertTrue(report.describe().contains("cut short at the end, dropped"), report.describe());
    }

    @Test
    void theReportSaysWhatWasCheckedAndFound() {
        WalReplay nothing = new WalReplay(0, 0, 0, 0, 0, 0, List.of());
        assertEquals("n1: previous run stopped cleanly; 1,234 keys in storage; write-ahead log empty, nothing to replay",
                new RecoveryReport("n1", true, false, null, 1234, nothing).describe());
        WalReplay some = new WalReplay(1, 512, 3, 0, 0, 0, List.of());
        assertEquals("n1: previous run did not stop cleanly; 10 keys in storage; replayed 512 durable writes from the write-ahead log (3 keys were behind);"
                        + " anti-entropy will repair anything else this node missed from the other replicas",
                new RecoveryReport("n1", false, false, null, 10, some).describe());
    }
}
