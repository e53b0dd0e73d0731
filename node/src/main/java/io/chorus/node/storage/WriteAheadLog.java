package io.chorus.node.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The write-ahead log's files: numbered segments in one directory ({@link WalFormat}), of which
 * the newest is appended to. Not thread-safe: at start the node's opening thread replays and rolls
 * it, then only the {@link WalWriter} thread appends to it (its checkpoint thread deletes old
 * segments).
 *
 * <p>Why a log beside Chronicle Map: a put into the map never fsyncs, and syncing the whole map
 * file per write costs far more than appending to a file and fsyncing it once per group of writes
 * (figures in the bench README). The log only has to hold what the map file on disk may lack: once
 * the map file is fsynced ({@link WalWriter}'s checkpoint), every older segment is deleted.
 */
public final class WriteAheadLog implements AutoCloseable {
    private final Path dir;
    private final List<Path> olderSegments;
    private long nextNumber;
    private FileChannel current;
    private Path currentPath;
    // volatile: written by the one thread that owns the log, read by metrics from others
    private volatile long currentBytes;
    private volatile long olderBytes;

    private WriteAheadLog(Path dir, List<Path> olderSegments, long nextNumber) {
        this.dir = dir;
        this.olderSegments = olderSegments;
        this.nextNumber = nextNumber;
        this.olderBytes = sizeOf(olderSegments);
    }

    private static long sizeOf(List<Path> segments) {
        long bytes = 0;
        for (Path segment : segments) {
            try {
                bytes += Files.size(segment);
            } catch (IOException e) {
                // gone meanwhile: counts 0
            }
        }
        return bytes;
    }

    /**
     * Opens the log in {@code dir} (created if missing) without writing anything: the segments
     * already there are kept for replay ({@link #olderSegments()}) until {@link #roll()}.
     */
    public static WriteAheadLog open(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> segments = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) if (WalFormat.segmentNumber(file.getFileName().toString()) >= 0) segments.add(file);
            }
            segments.sort(Comparator.comparingLong(p -> WalFormat.segmentNumber(p.getFileName().toString())));
            long next = segments.isEmpty() ? 1 : WalFormat.segmentNumber(segments.get(segments.size() - 1).getFileName().toString()) + 1;
            return new WriteAheadLog(dir, segments, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write-ahead log in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Segments older than the one being appended to, oldest first (at start: all of them, to replay). */
    public List<Path> olderSegments() {
        synchronized (olderSegments) {
            return List.copyOf(olderSegments);
        }
    }

    /** Appends {@code bytes} (whole records) to the newest segment; not durable until {@link #sync()}. */
    void append(ByteBuffer bytes) throws IOException {
        if (current == null) throw new IllegalStateException("no segment to append to: roll() first");
        long written = 0;
        while (bytes.hasRemaining()) written += current.write(bytes);
        currentBytes += written; // one writing thread: no lost update
    }

    /** fsyncs the newest segment's data (fdatasync: the file's length is data too, so it is synced). */
    void sync() throws IOException {
        current.force(false);
    }

    /** Bytes of the newest segment, header included. */
    long currentBytes() {
        return currentBytes;
    }

    /** Bytes of every segment on disk (any thread). */
    public long bytesOnDisk() {
        return olderBytes + currentBytes;
    }

    /**
     * Starts a new segment (durably: header fsynced, directory fsynced) and deletes every older one.
     * Call only once what the older segments hold is durable elsewhere (the map file fsynced).
     */
    public void roll() throws IOException {
        delete(startSegment());
    }

    /**
     * Starts a new segment (durably) and returns every older one, oldest first: they may be deleted
     * ({@link #delete}) once the map file was fsynced after this call. Appending thread only.
     */
    List<Path> startSegment() throws IOException {
        Path path = dir.resolve(WalFormat.segmentName(nextNumber));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = WalFormat.header(nextNumber);
            while (header.hasRemaining()) channel.write(header);
            channel.force(true);
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
        nextNumber++;
        syncDirectory();
        synchronized (olderSegments) {
            if (current != null) {
                current.close();
                olderSegments.add(currentPath);
                olderBytes += currentBytes;
            }
            current = channel;
            currentPath = path;
            currentBytes = WalFormat.HEADER_BYTES;
            return List.copyOf(olderSegments);
        }
    }

    /** Deletes {@code segments} (older ones, from {@link #startSegment}); any thread. */
    void delete(List<Path> segments) throws IOException {
        synchronized (olderSegments) {
            for (Path old : segments) Files.deleteIfExists(old);
            olderSegments.removeAll(segments);
            olderBytes = sizeOf(olderSegments);
        }
        syncDirectory();
    }

    /** Deletes every segment, the newest included (after a clean close made the map file durable). */
    void deleteAll() throws IOException {
        close();
        List<Path> all;
        synchronized (olderSegments) {
            if (currentPath != null) olderSegments.add(currentPath);
            currentPath = null;
            currentBytes = 0;
            all = List.copyOf(olderSegments);
        }
        delete(all);
    }

    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every OS can fsync a directory; Linux can, and that is where it matters
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
