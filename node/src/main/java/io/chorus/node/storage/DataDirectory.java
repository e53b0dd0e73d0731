package io.chorus.node.storage;

import io.chorus.replication.ring.NodeId;

import io.chorus.replication.replica.ActorEpochs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A node's data directory, held exclusively while the node runs (an OS file lock, so a second
 * process, or a second node in the same JVM, fails at once with a clear message instead of sharing
 * the map). It also keeps the clean-shutdown marker: present only between a clean close and the
 * next open. A missing marker next to an existing map means the last run crashed (or was killed),
 * and Chronicle Map must then be opened with recovery: a plain reopen after kill -9 can find a
 * segment lock still held and block the first write for 60 s.
 *
 * <p>It keeps the node's actor epoch too ({@value #ACTOR_EPOCH_FILE}): the storage does not fsync
 * its puts, so after a crash it may have lost the latest ones, and with them the dots the node
 * minted. Minting those dots again for new values would give one dot two values on two replicas.
 * So every start after an unclean stop takes the next epoch (the replica mints under a new actor),
 * durably, before the node can mint anything; a clean restart keeps the epoch.
 */
public final class DataDirectory implements AutoCloseable {
    static final String LOCK_FILE = "chorus.lock";
    static final String CLEAN_SHUTDOWN_MARKER = "clean-shutdown";
    static final String ACTOR_EPOCH_FILE = "actor-epoch";
    /** Longest epoch file accepted: a decimal long and a newline. */
    private static final int ACTOR_EPOCH_BYTES_MAX = 32;

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean previousRunClean;
    private final long actorEpoch;
    private final boolean actorEpochAdvanced;

    private DataDirectory(Path dir, FileChannel lockChannel, FileLock lock, boolean previousRunClean, long actorEpoch,
                          boolean actorEpochAdvanced) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.previousRunClean = previousRunClean;
        this.actorEpoch = actorEpoch;
        this.actorEpochAdvanced = actorEpochAdvanced;
    }

    /**
     * Creates the directory if needed and locks it; fails if another node holds it. If a previous
     * run used the directory and did not shut down cleanly, the actor epoch goes up by one, on disk
     * before this returns.
     */
    public static DataDirectory acquire(Path dir) {
        return acquire(dir, System.currentTimeMillis());
    }

    /** As {@link #acquire(Path)}, with the wall clock now (a new directory's first epoch). */
    static DataDirectory acquire(Path dir, long wallMillis) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        FileChannel channel = null;
        try {
            // The lock file stays after a run: its presence says some node used this directory before.
            boolean usedBefore = Files.exists(dir.resolve(LOCK_FILE)) || Files.exists(dir.resolve(ACTOR_EPOCH_FILE));
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) throw new IllegalStateException(inUse(dir));
            // a map file removed by hand after a clean stop lost everything the marker vouched for
            boolean clean = Files.exists(dir.resolve(CLEAN_SHUTDOWN_MARKER)) && Files.exists(dir.resolve(ChronicleStorage.MAP_FILE));
            long previous = readActorEpoch(dir);
            long epoch = usedBefore ? ActorEpochs.atStart(previous, clean) : ActorEpochs.forNewDirectory(wallMillis); // the core's rules
            if (epoch != previous) writeActorEpoch(dir, epoch);
            return new DataDirectory(dir, channel, lock, clean, epoch, usedBefore && epoch != previous);
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

    /** Whether the previous run closed cleanly (false also when there was no previous run). */
    public boolean previousRunClean() {
        return previousRunClean;
    }

    /**
     * The epoch this run's replica mints in: the directory's first start's wall-clock millisecond
     * (0 for a directory from before epochs existed), one more after each unclean stop.
     */
    public long actorEpoch() {
        return actorEpoch;
    }

    /** Whether this acquire took a new epoch, because the previous run did not shut down cleanly. */
    public boolean actorEpochAdvanced() {
        return actorEpochAdvanced;
    }

    /** Where the epoch is kept. */
    public Path actorEpochFile() {
        return dir.resolve(ACTOR_EPOCH_FILE);
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
     * a clean close could drop writes the marker vouches for, and the next start would keep the epoch
     * and mint the lost dots again.
     */
    public void markClean(Path dataFile) {
        try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + dataFile.toAbsolutePath() + " (no clean-shutdown marker written; the next start"
                    + " recovers and takes a new epoch): " + e.getMessage(), e);
        }
        Path marker = dir.resolve(CLEAN_SHUTDOWN_MARKER);
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clean-shutdown marker " + marker.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        syncDirectory();
    }

    /** The epoch on disk, 0 if none was ever written. */
    private static long readActorEpoch(Path dir) {
        Path file = dir.resolve(ACTOR_EPOCH_FILE);
        String text;
        try {
            if (!Files.exists(file)) return 0;
            long bytes = Files.size(file);
            text = bytes > ACTOR_EPOCH_BYTES_MAX ? "(" + bytes + " bytes)" : Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the actor epoch file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        try {
            long epoch = Long.parseLong(text);
            if (epoch >= 0) return epoch;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        // Guessing an epoch could reuse one, and with it the dots minted in it: refuse to start.
        throw new IllegalStateException("actor epoch file " + file.toAbsolutePath() + " does not hold a number >= 0 but \"" + text
                + "\" (it is replaced atomically, so something else wrote it): write a number larger than any epoch this node used"
                + " (its actors in stored data are <name>" + NodeId.EPOCH_SEPARATOR + "<epoch>), or remove the whole data directory");
    }

    /** Replaces the epoch file atomically and durably: temp file, fsync, rename, fsync of the directory. */
    private static void writeActorEpoch(Path dir, long epoch) {
        Path file = dir.resolve(ACTOR_EPOCH_FILE);
        Path temp = dir.resolve(ACTOR_EPOCH_FILE + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((epoch + "\n").getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write actor epoch " + epoch + " to " + file.toAbsolutePath()
                    + " (the node must not mint before it is durable): " + e.getMessage(), e);
        }
        syncDirectory(dir);
    }

    /** Makes a file creation, rename or deletion in the directory durable (best effort: not every OS allows it). */
    private void syncDirectory() {
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) {
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
