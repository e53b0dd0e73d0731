package io.chorus.node.storage;

import io.chorus.replication.env.Storage;
import io.chorus.replication.env.StorageScan;
import io.chorus.replication.env.StorageFullException;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The replica's {@link Storage} on a Chronicle Map persisted in the node's data directory: key
 * bytes to the codec's siblings bytes ({@link Codec#encodeSiblings}). Called only from the thread
 * that owns the replica (the codec it is given is that thread's). Survives a process crash (the
 * page cache holds the writes) but not power loss: Chronicle never fsyncs a put (a clean close
 * does, once). The replica copes with the loss by minting in a new epoch after an unclean stop
 * ({@link DataDirectory#actorEpoch}).
 *
 * <p>A put that does not fit (map full, or the key's state larger than one segment tier) throws
 * {@link StorageFullException}; Chronicle allocates before it changes anything, so the old state
 * of the key stays as it was.
 */
public final class ChronicleStorage implements Storage, AutoCloseable {
    static final String MAP_FILE = "store.cm3";
    private static final Logger log = LoggerFactory.getLogger(ChronicleStorage.class);

    static {
        // Belt and braces with the pom's exclusion of chronicle-analytics and the launcher's -D flags:
        // set before the first Chronicle class loads, so no run of a node ever phones home.
        disableChronicleTelemetry();
    }

    private final DataDirectory dataDirectory;
    private final ChronicleMap<byte[], byte[]> map;
    private final Codec codec;
    private final MapRecovery recovery;
    private FileChannel syncChannel; // writer thread only: fsyncs the map file at checkpoints
    private boolean closed;

    private ChronicleStorage(DataDirectory dataDirectory, ChronicleMap<byte[], byte[]> map, Codec codec, MapRecovery recovery) {
        this.dataDirectory = dataDirectory;
        this.map = map;
        this.codec = codec;
        this.recovery = recovery;
    }

    /** Sets the properties that switch off Chronicle's usage analytics and its startup banner. */
    public static void disableChronicleTelemetry() {
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    /** Whether {@code directory} holds a map file (false before a node's first start). */
    public static boolean exists(DataDirectory directory) {
        return Files.exists(directory.path().resolve(MAP_FILE));
    }

    /**
     * Opens (or creates) the map in {@code directory}, recovering it if the previous run did not
     * close cleanly. Takes ownership of {@code directory}: closing the storage releases it. After a
     * recovery, every entry is read back and decoded ({@link #recovery()} says what was found).
     */
    public static ChronicleStorage open(DataDirectory directory, StorageSizing sizing, Codec codec, String name) {
        File file = directory.path().resolve(MAP_FILE).toFile();
        boolean exists = file.exists();
        boolean recover = exists && !directory.previousRunClean();
        try {
            var builder = ChronicleMap.of(byte[].class, byte[].class)
                    .name("chorus-" + name)
                    .entries(sizing.entries())
                    .entriesPerSegment(sizing.entriesPerSegment())
                    .averageKeySize(sizing.averageKeySize())
                    .averageValueSize(sizing.averageEntryValueSize())
                    .maxBloatFactor(StorageSizing.MAX_BLOAT_FACTOR);
            ChronicleMap<byte[], byte[]> map;
            MapRecovery recovery;
            if (recover) {
                log.info("{}: the previous run did not stop cleanly; checking and repairing {} (Chronicle Map recovery)", name, file);
                recovery = new MapRecovery();
                // false: read the sizing from the file's header, which may differ from today's config
                map = recovery.run(() -> builder.recoverPersistedTo(file, false, recovery));
                recovery.scan(map, codec);
            } else {
                map = builder.createPersistedTo(file);
                recovery = null;
            }
            directory.markInUse();
            return new ChronicleStorage(directory, map, codec, recovery);
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException("cannot open storage " + file.getAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            directory.close();
            throw new IllegalStateException("cannot open storage " + file.getAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public KeyState get(Key key) {
        byte[] stored = map.get(key.bytesUnsafe());
        return stored == null ? null : codec.decodeSiblings(stored);
    }

    @Override
    public void put(Key key, KeyState siblings) {
        byte[] encoded = codec.encodeSiblings(siblings);
        try {
            map.put(key.bytesUnsafe(), encoded);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // "Value too large" (one entry past a segment tier) or "Attempt to allocate #n extra segment tier"
            throw new StorageFullException("cannot store " + encoded.length + " bytes for key " + key + " (" + map.longSize()
                    + " keys stored; storage.entriesMax and storage.averageValueBytes size the map): " + firstLine(e.getMessage()));
        }
    }

    /**
     * Visits every entry, one segment at a time: a segment's entries are copied out under its lock
     * and visited after, so the visitor may read or write this storage.
     */
    @Override
    public void forEach(BiConsumer<Key, KeyState> visitor) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int segment = 0; segment < map.segments(); segment++) {
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
                context.forEachSegmentEntry(entry -> {
                    // get() may hand back the same array for every entry of a length: copy it
                    keys.add(entry.key().get().clone());
                    values.add(entry.value().get().clone());
                });
            }
            for (int i = 0; i < keys.size(); i++) visitor.accept(Key.wrap(keys.get(i)), codec.decodeSiblings(values.get(i)));
            keys.clear();
            values.clear();
        }
    }

    @Override
    public long size() {
        return map.longSize();
    }

    /**
     * A scan a segment at a time (a segment holds about {@code entriesMax / segments} keys): only the
     * keys {@code wanted} accepts are copied and decoded, under the segment's lock, and visited after
     * it. A key's position is its segment, so {@link StorageScan#passed} is exact.
     */
    @Override
    public StorageScan scan() {
        return new StorageScan() {
            private int nextSegment;

            @Override
            public boolean next(int entriesMax, Predicate<Key> wanted, BiConsumer<Key, KeyState> visitor) {
                List<byte[]> keys = new ArrayList<>();
                List<byte[]> values = new ArrayList<>();
                long visited = 0;
                while (nextSegment < map.segments() && visited < entriesMax) {
                    try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(nextSegment++)) {
                        visited += context.size();
                        context.forEachSegmentEntry(entry -> {
                            Key key = Key.wrap(entry.key().get().clone()); // get() may reuse one array per length: copy it
                            if (!wanted.test(key)) return;
                            keys.add(key.bytesUnsafe());
                            values.add(entry.value().get().clone());
                        });
                    }
                }
                for (int i = 0; i < keys.size(); i++) visitor.accept(Key.wrap(keys.get(i)), codec.decodeSiblings(values.get(i)));
                return nextSegment < map.segments();
            }

            @Override
            public boolean passed(Key key) {
                if (nextSegment >= map.segments()) return true;
                try (var context = map.queryContext(key.bytesUnsafe())) {
                    return context.segmentIndex() < nextSegment;
                }
            }
        };
    }

    /** Bytes of the map file (allocated up front, so mostly constant). */
    public long fileBytes() {
        try {
            return Files.size(map.file().toPath());
        } catch (IOException e) {
            return -1;
        }
    }

    /** Off-heap bytes the map uses now. */
    public long usedBytes() {
        return map.offHeapMemoryUsed();
    }

    /** Whether this open had to recover the map after an unclean shutdown. */
    public boolean recovered() {
        return recovery != null;
    }

    /** What the recovery found, if this open recovered the map (see {@link #recovered()}). */
    public Optional<MapRecovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    /**
     * fsyncs the map file: on Linux an fsync writes back every dirty page of the file, those
     * written through Chronicle's memory mapping included (one page cache per file). Called by the
     * write-ahead log writer at a checkpoint, on its own thread, while the handler keeps putting:
     * what the handler put before the call is durable after it.
     */
    public void syncMapFile() throws IOException {
        if (syncChannel == null) syncChannel = FileChannel.open(map.file().toPath(), StandardOpenOption.WRITE);
        syncChannel.force(false);
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes the map, then writes the clean-shutdown marker and releases the directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            File file = map.file();
            closeSyncChannel();
            map.close();
            dataDirectory.markClean(file.toPath());
        } finally {
            dataDirectory.close();
        }
    }

    /** Test seam: stores bytes as they are, to play a damaged entry. */
    void putRaw(byte[] key, byte[] value) {
        map.put(key, value);
    }

    /** Test seam: close as a crash would leave things (no marker), keeping the data. */
    synchronized void closeWithoutMarker() {
        if (closed) return;
        closed = true;
        try {
            closeSyncChannel();
            map.close();
        } finally {
            dataDirectory.close();
        }
    }

    private void closeSyncChannel() {
        if (syncChannel == null) return;
        try {
            syncChannel.close();
        } catch (IOException ignored) {
            // only used for fsync; the map's own close and markClean's fsync follow
        }
    }

    static String firstLine(String message) {
        if (message == null) return "no detail";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
