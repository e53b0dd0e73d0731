package io.chorus.node.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a cluster directory while {@code start} or {@code stop} changes it, so two
 * concurrent starts cannot both launch the same node. Released by the OS if we die.
 */
final class ClusterLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ClusterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static ClusterLock acquire(ClusterDir dir) {
        try {
            Files.createDirectories(dir.root());
            FileChannel channel = FileChannel.open(dir.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new CliException("another chorus command is starting or stopping the cluster in " + dir.root() + "; try again when it is done");
            }
            return new ClusterLock(channel, lock);
        } catch (IOException e) {
            throw new CliException("cannot lock " + dir.lockFile() + ": " + Main.describe(e), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
