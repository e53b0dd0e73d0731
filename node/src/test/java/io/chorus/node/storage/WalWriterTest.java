package io.chorus.node.storage;

import io.chorus.node.support.Await;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Codec codec = new Codec(1 << 20);

    @TempDir
    Path dir;

    private WalBatch batch(int first, int count) {
        WalBatch batch = new WalBatch();
        for (int i = first; i < first + count; i++) batch.add(Key.of("k" + i), codec.encodeSiblings(ChronicleStorageTest.siblings("v" + i)));
        return batch;
    }

    private WriteAheadLog rolledLog() throws IOException {
        WriteAheadLog wal = WriteAheadLog.open(dir);
        wal.roll();
        return wal;
    }

    private InMemoryStorage replayAll() {
        InMemoryStorage storage = new InMemoryStorage();
        WalReplay replay = WalReplay.replay("test", WriteAheadLog.open(dir).olderSegments(), storage, codec, 1 << 20);
        assertEquals(0, replay.tornTailBytes());
        return storage;
    }

    @Test
    void everySubmittedBatchIsReportedPersistedInOrderAndReadsBack() throws IOException {
        List<Long> reported = new CopyOnWriteArrayList<>();
        AtomicInteger fsyncs = new AtomicInteger();
        AtomicLong records = new AtomicLong();
        WalWriter writer = WalWriter.start("test", rolledLog(), () -> { }, 64L << 20, 1L << 30, new WalWriter.Observer() {
            @Override
            public void synced(long fsyncNanos, int batches, long groupRecords, long bytes) {
                fsyncs.incrementAndGet();
                records.addAndGet(groupRecords);
            }
        }, reported::add);
        long last = 0;
        for (int b = 0; b < 50; b++) {
            long id = writer.submit(batch(b * 10, 10));
            assertEquals(last + 1, id, "batch ids grow by one");
            last = id;
        }
        long lastId = last;
        Await.until(WAIT, "the last batch persisted", () -> writer.lastPersisted() == lastId);
        assertTrue(writer.drainAndStop(WAIT));
        for (int i = 1; i < reported.size(); i++) assertTrue(reported.get(i) > reported.get(i - 1), "reports only go up: " + reported);
        assertEquals(lastId, reported.get(reported.size() - 1));
        assertTrue(fsyncs.get() >= 1 && fsyncs.get() <= 50, "at most one fsync per batch, got " + fsyncs.get());
        assertEquals(500, records.get());
        assertEquals(0, writer.backlogBytes());
        InMemoryStorage replayed = replayAll();
        assertEquals(500, replayed.size());
        assertEquals(ChronicleStorageTest.siblings("v499"), replayed.get(Key.of("k499")));
    }

    @Test
    void batchesSubmittedDuringAnFsyncShareTheNextOne() throws Exception {
        CountDownLatch firstReported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> reported = new CopyOnWriteArrayList<>();
        WalWriter writer = WalWriter.start("test", rolledLog(), () -> { }, 64L << 20, 1L << 30, WalWriter.Observer.NONE, id -> {
            reported.add(id);
            firstReported.countDown();
            try {
                release.await(); // hold the writer thread: what is submitted now waits for the next group
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.submit(batch(0, 1));
        assertTrue(firstReported.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        for (int b = 1; b <= 9; b++) writer.submit(batch(b, 1));
        assertTrue(writer.backlogged() == false, "a backlog far under its bound");
        assertTrue(writer.backlogBytes() > 0);
        release.countDown();
        assertTrue(writer.drainAndStop(WAIT));
        assertEquals(List.of(1L, 10L), reported, "batches 2 to 10 were written and fsynced together");
    }

    @Test
    void backlogPastItsBoundIsReportedNeverRefused() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        long bound = 10L * batch(0, 1).bytes();
        WalWriter writer = WalWriter.start("test", rolledLog(), () -> { }, 64L << 20, bound, WalWriter.Observer.NONE, id -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // The writer must be held inside a sync before the rest arrive: otherwise it can take all 40
        // batches in one group before it blocks, and the backlog never builds (seen under load).
        writer.submit(batch(0, 1));
        Await.until(WAIT, "the writer is held in its first sync", () -> holding.getCount() == 0);
        for (int b = 1; b < 40; b++) writer.submit(batch(b, 1));
        Await.until(WAIT, "the backlog passes its bound", writer::backlogged);
        release.countDown();
        Await.until(WAIT, "the backlog drains", () -> !writer.backlogged() && writer.backlogBytes() == 0);
        assertTrue(writer.drainAndStop(WAIT));
        assertEquals(40, replayAll().size());
        assertThrows(IllegalStateException.class, () -> writer.submit(batch(0, 1)), "no submit after close");
    }

    @Test
    void passingWalBytesMaxChecksPointsTheMapBesideGroupCommitsAndDeletesOlderSegments() throws Exception {
        AtomicInteger checkpoints = new AtomicInteger();
        CountDownLatch firstCheckpointHeld = new CountDownLatch(1);
        CountDownLatch releaseCheckpoint = new CountDownLatch(1);
        WalWriter writer = WalWriter.start("test", rolledLog(), () -> {
            if (checkpoints.incrementAndGet() == 1) {
                firstCheckpointHeld.countDown();
                try {
                    releaseCheckpoint.await(); // a slow map fsync
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, 2_000, 1L << 30, WalWriter.Observer.NONE, id -> { });
        int b = 0;
        while (firstCheckpointHeld.getCount() > 0) {
            long id = writer.submit(batch(b * 5, 5));
            b++;
            Await.until(WAIT, "batch " + id + " persisted", () -> writer.lastPersisted() >= id);
            assertTrue(b < 1000, "a checkpoint starts once the segment passes 2000 bytes");
        }
        // The map fsync is held: durable writes still complete. Few enough that the new segment stays under
        // 2000 bytes, so no second checkpoint empties the log before the replay below.
        int moreBatches = 1_500 / batch(0, 5).bytes() - 1;
        assertTrue(moreBatches >= 3);
        for (int more = 0; more < moreBatches; more++, b++) {
            long id = writer.submit(batch(b * 5, 5));
            Await.until(WAIT, "batch " + id + " persisted during the checkpoint", () -> writer.lastPersisted() >= id);
        }
        releaseCheckpoint.countDown();
        long last = writer.submit(batch(b * 5, 5));
        Await.until(WAIT, "the last batch persisted", () -> writer.lastPersisted() >= last);
        assertTrue(writer.drainAndStop(WAIT));
        assertTrue(checkpoints.get() >= 1);
        try (var files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> WalFormat.segmentNumber(p.getFileName().toString()) >= 0).toList();
            assertEquals(1, segments.size(), "older segments are deleted once the map is synced: " + segments);
        }
        InMemoryStorage replayed = replayAll();
        assertTrue(replayed.size() > 0 && replayed.size() < (b + 1) * 5, "only what followed the last checkpoint is left to replay");
        assertNotNull(replayed.get(Key.of("k" + (b * 5 + 4))), "the last write is in the log");
    }

    @Test
    void aFailingCheckpointStopsTheWriterAndNothingLaterIsReportedPersisted() throws IOException {
        List<Long> reported = new CopyOnWriteArrayList<>();
        WalWriter writer = WalWriter.start("test", rolledLog(), () -> {
            throw new IOException("disk gone");
        }, 100, 1L << 30, WalWriter.Observer.NONE, reported::add);
        writer.submit(batch(0, 10)); // over 100 bytes: persisted, then the checkpoint fails
        Await.until(WAIT, "the writer fails", writer::failed);
        assertEquals(List.of(1L), reported);
        assertFalse(writer.drainAndStop(WAIT), "a failed writer does not stop cleanly");
    }
}
