package io.chorus.node.storage;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints (asserts nothing) what durable writes cost on this machine: one fsync per write of the log,
 * group commit of the log through {@link WalWriter} with a given number of writes in flight (each
 * write waits for its fsync before its "client" sends the next, as a durable put waits for its
 * ack), and syncing Chronicle's map file instead of a log, per write and per batch. Every variant
 * also puts each write into a Chronicle Map, as the node does. Not a unit test: run by hand,
 * {@code java -cp <node test classpath> io.chorus.node.storage.WalBench <dir> [seconds] [valueBytes] [all|log|map|mmap]}.
 * A last part checks that an fsync of the map file writes back the pages dirtied through the map's
 * memory mapping (its dirty KiB in /proc/self/smaps, before and after).
 */
public final class WalBench {
    private static final StorageSizing SIZING = new StorageSizing(200_000, 1024, 1024, 1 << 20);
    /** Writes a handler batch holds at most before it goes to the writer (the Disruptor batch under load). */
    private static final int HANDLER_BATCH_MAX = 256;

    private final Path dir;
    private final Duration duration;
    private final byte[] value;
    private final Codec codec = new Codec(8 << 20);

    private WalBench(Path dir, Duration duration, int valueBytes) {
        this.dir = dir;
        this.duration = duration;
        this.value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Duration duration = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 3);
        int valueBytes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        WalBench bench = new WalBench(dir, duration, valueBytes);
        System.out.printf("durable writes of %d-byte values, %d s per variant, in %s%n", valueBytes, duration.toSeconds(), dir);
        String only = args.length > 3 ? args[3] : "all";
        if (only.equals("all") || only.equals("log")) {
            bench.perWriteLogFsync();
            for (int inFlight : new int[] {1, 16, 128, 1024}) bench.groupCommit(inFlight);
        }
        if (only.equals("all") || only.equals("map")) {
            bench.perWriteMapSync();
            for (int inFlight : new int[] {16, 128, 1024}) bench.perBatchMapSync(inFlight);
        }
        bench.mmapWriteBack();
    }

    private ChronicleStorage freshStorage(String name) throws IOException {
        Path data = dir.resolve(name);
        deleteTree(data);
        return ChronicleStorage.open(DataDirectory.acquire(data), SIZING, codec, name);
    }

    private KeyState state(long i) {
        return KeyState.empty().update(VersionVector.empty(), value, "n1#" + (i & 7));
    }

    private static Key key(long i) {
        return Key.of("key-" + (i % 100_000));
    }

    /** One log append and one fsync per write, on the writing thread. */
    private void perWriteLogFsync() throws IOException {
        try (ChronicleStorage storage = freshStorage("per-write-log")) {
            WriteAheadLog wal = WriteAheadLog.open(dir.resolve("per-write-log/wal"));
            wal.roll();
            long end = System.nanoTime() + duration.toNanos();
            long writes = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                KeyState state = state(writes);
                storage.put(key(writes), state);
                WalBatch batch = new WalBatch();
                batch.add(key(writes), codec.encodeSiblings(state));
                wal.append(batch.contents());
                wal.sync();
                writes++;
            }
            print("log, one fsync per write", writes, writes, System.nanoTime() - start);
            wal.close();
        }
    }

    /**
     * Closed loop: {@code inFlight} writes outstanding; the "handler" puts each into the map and
     * adds it to its batch, and hands the batch to the writer when no more writes can start (all
     * in flight) or the batch is full. Acks come back through the writer's callback.
     */
    private void groupCommit(int inFlight) throws Exception {
        try (ChronicleStorage storage = freshStorage("group-" + inFlight)) {
            WriteAheadLog wal = WriteAheadLog.open(dir.resolve("group-" + inFlight + "/wal"));
            wal.roll();
            Semaphore slots = new Semaphore(inFlight);
            ArrayDeque<long[]> batches = new ArrayDeque<>(); // {id, records}, guarded by itself
            AtomicLong fsyncs = new AtomicLong();
            WalWriter writer = WalWriter.start("bench", wal, storage::syncMapFile, 64L << 20, Long.MAX_VALUE, new WalWriter.Observer() {
                @Override
                public void synced(long fsyncNanos, int groupBatches, long records, long bytes) {
                    fsyncs.incrementAndGet();
                }
            }, persistedId -> {
                int released = 0;
                synchronized (batches) {
                    while (!batches.isEmpty() && batches.peekFirst()[0] <= persistedId) released += (int) batches.pollFirst()[1];
                }
                slots.release(released);
            });
            long end = System.nanoTime() + duration.toNanos();
            long writes = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                slots.acquire(); // wait for one ack, like a handler waiting for its next event
                WalBatch batch = new WalBatch();
                do {
                    KeyState state = state(writes);
                    storage.put(key(writes), state);
                    batch.add(key(writes), codec.encodeSiblings(state));
                    writes++;
                } while (batch.records() < HANDLER_BATCH_MAX && slots.tryAcquire());
                synchronized (batches) {
                    long id = writer.submit(batch);
                    batches.addLast(new long[] {id, batch.records()});
                }
            }
            long elapsed = System.nanoTime() - start;
            writer.drainAndStop(Duration.ofSeconds(10));
            print("log, group commit, " + inFlight + " in flight", writes, fsyncs.get(), elapsed);
        }
    }

    /** No log: fsync the whole map file after every write. */
    private void perWriteMapSync() throws IOException {
        try (ChronicleStorage storage = freshStorage("per-write-map")) {
            long end = System.nanoTime() + duration.toNanos();
            long writes = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                storage.put(key(writes), state(writes));
                storage.syncMapFile();
                writes++;
            }
            print("map file, one fsync per write", writes, writes, System.nanoTime() - start);
        }
    }

    /** No log: put a batch of up to {@code batchSize} writes, then fsync the map file once (no overlap). */
    private void perBatchMapSync(int batchSize) throws IOException {
        try (ChronicleStorage storage = freshStorage("batch-map-" + batchSize)) {
            long end = System.nanoTime() + duration.toNanos();
            long writes = 0;
            long syncs = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                for (int i = 0; i < batchSize; i++, writes++) storage.put(key(writes), state(writes));
                storage.syncMapFile();
                syncs++;
            }
            print("map file, one fsync per batch of " + batchSize, writes, syncs, System.nanoTime() - start);
        }
    }

    /** Dirty pages of a shared mapping, before and after an fsync through a separate channel. */
    private void mmapWriteBack() throws IOException {
        Path file = dir.resolve("mmap-check.bin");
        int bytes = 64 << 20;
        try (FileChannel mapChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            MappedByteBuffer mapped = mapChannel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            for (int i = 0; i < bytes; i += 4096) mapped.put(i, (byte) 1);
            long before = sharedDirtyKb(file);
            try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
                other.force(false);
            }
            long after = sharedDirtyKb(file);
            System.out.printf("mmap write-back: %d KiB written through a mapping; dirty %d KiB before fsync of the file, %d KiB after%n",
                    bytes >> 10, before, after);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Dirty KiB of the mapping of {@code file} in /proc/self/smaps (Shared_ and Private_Dirty: "private" there means mapped by this process alone). */
    private static long sharedDirtyKb(Path file) throws IOException {
        String name = file.toAbsolutePath().toString();
        boolean inMapping = false;
        long dirty = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (Character.isDigit(line.charAt(0)) || (line.charAt(0) >= 'a' && line.charAt(0) <= 'f' && line.contains("-"))) {
                inMapping = line.endsWith(name);
            } else if (inMapping && (line.startsWith("Shared_Dirty:") || line.startsWith("Private_Dirty:"))) {
                dirty += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return dirty;
    }

    private static void print(String variant, long writes, long fsyncs, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%-42s %9.0f durable writes/s %7.0f fsyncs/s %6.1f writes per fsync%n",
                variant, writes / seconds, fsyncs / seconds, fsyncs == 0 ? 0.0 : (double) writes / fsyncs);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
