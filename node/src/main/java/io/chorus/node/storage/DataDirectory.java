package io.chorus.node.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A node's data directory, held exclusively while the node runs (an OS file lock, so a second
 * process, or a second node in the same JVM, fails at once with a clear message instead of sharing
 * the map). It also keeps the clean-shutdown marker: present only between a clean close and the
 * next open. A missing marker next to an existing map means the last run crashed (or was killed),
 * and Chronicle Map must then be opened with recovery: a plain reopen after kill -9 can find a
 * segment lock still held and block the first write for 60 s.
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "chorus.lock";
    static final String CLEAN_SHUTDOWN_MARKER = "clean-shutdown";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean previousRunClean;

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock, boolean previousRunClean) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.previousRunClean = previousRunClean;
    }

    /** Creates the directory if needed and locks it; fails if another node holds it. */
    public static DataDirectory acquire(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) throw new IllegalStateException(inUse(dir));
            boolean clean = Files.exists(dir.resolve(CLEAN_SHUTDOWN_MARKER));
            return new DataDirectory(dir, channel, lock, clean);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException(inUse(dir), e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock data directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static String inUse(Path dir) {
        return "data directory " + dir.toAbsolutePath() + " is in use by another running node (lock file " + LOCK_FILE + ")";
    }

    public Path path() {
        return dir;
    }

    /** Whether the previous run closed cleanly (or there was no previous run that left a marker). */
    public boolean previousRunClean() {
        return previousRunClean;
    }

    /** Removes the marker (durably): from now until {@link #markClean} a crash is detectable. */
    public void markInUse() {
        try {
            Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN_MARKER));
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the clean-shutdown marker in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code dataFile} durable (an fsync: Chronicle never syncs its puts), then writes the
     * marker (durably); call only after the map was closed. Without the sync, a power loss soon after
     * a clean close could drop writes the marker vouches for.
     */
    public void markClean(Path dataFile) {
        try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + dataFile.toAbsolutePath() + " (no clean-shutdown marker written; the next start"
                    + " recovers): " + e.getMessage(), e);
        }
        Path marker = dir.resolve(CLEAN_SHUTDOWN_MARKER);
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clean-shutdown marker " + marker.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        syncDirectory();
    }

    /** Makes a file creation or deletion in the directory durable (best effort: not every OS allows it). */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Directory fsync is a Linux nicety; without it the marker is at worst stale after power loss.
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the OS drops the lock with the process
        }
    }
}
