package io.chorus.node.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The one thread that writes the write-ahead log, with group commit: it takes every batch the
 * handler has submitted since its last fsync, writes them all, fsyncs once, and then reports the
 * last batch id as persisted (in the node, by publishing an event into the handler's ring). While
 * one fsync runs, the next batches pile up and share the next one, so the fsync rate stays at what
 * the disk does and the durable write rate grows with the load. The handler never waits for it:
 * {@link #submit} only appends to a list under a short lock.
 *
 * <p>Bounds. The log: when the newest segment passes {@code walBytesMax}, the writer checkpoints:
 * it starts a new segment, and a checkpoint thread fsyncs the map file and then deletes the older
 * segments (every write in them is in the map already, since the handler puts before it submits;
 * on Linux an fsync of the file also writes its dirty mmap pages). The map fsync can take seconds
 * (it writes every page the puts dirtied since the last one), so it runs beside the group commits
 * instead of holding up every durable ack; while one runs the next waits, and the newest segment
 * may grow past the bound meanwhile. The backlog: bytes submitted but not yet fsynced.
 * {@link #submit} never refuses (the writes are in the map already, and their replies wait for
 * this log); {@link #backlogged()} says when the backlog passed {@code backlogBytesMax}, and the
 * handler must then stop taking new durable writes (answer Overloaded) until it drains. What can
 * pile up past the bound is at most what the handler's ring holds.
 *
 * <p>An I/O error on write or fsync is final: after a failed fsync Linux may have dropped the dirty
 * pages and a retry can report success for data that is gone. The writer logs it, stops, and never
 * reports those batches persisted: their durable writes are never acknowledged (the coordinator
 * times out), and the node must be restarted (the log is replayed and the map recovered).
 */
public final class WalWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalWriter.class);

    /** Makes the map file durable (fsync), so that the log segments before it can go. */
    @FunctionalInterface
    public interface Checkpoint {
        void syncMapFile() throws IOException;
    }

    /** Sees the writer's work (metrics). Called on the writer thread. */
    public interface Observer {
        Observer NONE = new Observer() { };

        /** One group commit: {@code batches} handler batches of {@code records} records, {@code bytes} bytes, one fsync. */
        default void synced(long fsyncNanos, int batches, long records, long bytes) {
        }

        /** The map file was fsynced and the older segments deleted. */
        default void checkpointed(long syncNanos) {
        }
    }

    private record Pending(long id, ByteBuffer bytes, int records) {
    }

    private final String nodeName;
    private final WriteAheadLog wal;
    private final Checkpoint checkpoint;
    private final long walBytesMax;
    private final long backlogBytesMax;
    private final Observer observer;
    private final LongConsumer persisted;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private final ExecutorService checkpoints;
    private Future<?> checkpointRunning; // writer thread only
    private List<Pending> pending = new ArrayList<>();
    private long nextId = 1;
    private long backlogBytes; // guarded by lock: submitted, not yet fsynced
    private boolean closing;
    private volatile boolean failed;
    private volatile long lastPersisted;

    private WalWriter(String nodeName, WriteAheadLog wal, Checkpoint checkpoint, long walBytesMax, long backlogBytesMax,
                      Observer observer, LongConsumer persisted) {
        this.nodeName = nodeName;
        this.wal = wal;
        this.checkpoint = checkpoint;
        this.walBytesMax = walBytesMax;
        this.backlogBytesMax = backlogBytesMax;
        this.observer = observer;
        this.persisted = persisted;
        this.thread = new Thread(this::run, "chorus-wal-" + nodeName);
        thread.setDaemon(true);
        this.checkpoints = Executors.newSingleThreadExecutor(runnable -> {
            Thread checkpointer = new Thread(runnable, "chorus-wal-checkpoint-" + nodeName);
            checkpointer.setDaemon(true);
            return checkpointer;
        });
    }

    /**
     * Starts the writer on {@code wal}, which must have a segment to append to ({@link
     * WriteAheadLog#roll()} done). {@code persisted} gets the id of the last batch of each group
     * commit, on the writer thread; every batch with a smaller or equal id is then durable.
     */
    public static WalWriter start(String nodeName, WriteAheadLog wal, Checkpoint checkpoint, long walBytesMax, long backlogBytesMax,
                                  Observer observer, LongConsumer persisted) {
        WalWriter writer = new WalWriter(nodeName, wal, checkpoint, walBytesMax, backlogBytesMax, observer, persisted);
        writer.thread.start();
        return writer;
    }

    /** Handler thread: hands a batch over; never blocks on I/O. Returns the batch's id (ids grow by one). */
    public long submit(WalBatch batch) {
        ByteBuffer bytes = batch.contents();
        lock.lock();
        try {
            if (closing) throw new IllegalStateException("the write-ahead log writer is closed");
            long id = nextId++;
            pending.add(new Pending(id, bytes, batch.records()));
            backlogBytes += bytes.remaining();
            work.signal();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** Whether more than {@code backlogBytesMax} bytes wait for their fsync (any thread). */
    public boolean backlogged() {
        lock.lock();
        try {
            return backlogBytes > backlogBytesMax;
        } finally {
            lock.unlock();
        }
    }

    public long backlogBytes() {
        lock.lock();
        try {
            return backlogBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the writer stopped on an I/O error (durable writes no longer complete). */
    public boolean failed() {
        return failed;
    }

    /** The last batch id reported persisted (any thread). */
    public long lastPersisted() {
        return lastPersisted;
    }

    /** Bytes of the log on disk (writer thread's view; approximate from other threads). */
    public long walBytes() {
        return wal.bytesOnDisk();
    }

    private void run() {
        try {
            while (true) {
                List<Pending> group;
                lock.lock();
                try {
                    while (pending.isEmpty() && !closing) work.awaitUninterruptibly();
                    if (pending.isEmpty()) return; // closing, and everything is written
                    group = pending;
                    pending = new ArrayList<>();
                } finally {
                    lock.unlock();
                }
                commit(group);
                if (wal.currentBytes() > walBytesMax && (checkpointRunning == null || checkpointRunning.isDone())) checkpoint();
                if (failed) return; // the checkpoint thread failed
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            log.error("{}: the write-ahead log writer stopped on an error; durable writes will not be acknowledged from now on"
                    + " (they time out) and the node must be restarted to replay its log: {}", nodeName, e.toString(), e);
        }
    }

    private void commit(List<Pending> group) throws IOException {
        long bytes = 0;
        long records = 0;
        for (Pending batch : group) {
            bytes += batch.bytes.remaining();
            records += batch.records;
            wal.append(batch.bytes);
        }
        long start = System.nanoTime();
        wal.sync();
        observer.synced(System.nanoTime() - start, group.size(), records, bytes);
        lock.lock();
        try {
            backlogBytes -= bytes;
        } finally {
            lock.unlock();
        }
        long last = group.get(group.size() - 1).id;
        lastPersisted = last;
        try {
            persisted.accept(last);
        } catch (RuntimeException e) {
            log.error("{}: could not report write-ahead log batch {} persisted", nodeName, last, e);
        }
    }

    private void checkpoint() throws IOException {
        List<Path> older = wal.startSegment(); // from here on, new records go to the new segment
        checkpointRunning = checkpoints.submit(() -> {
            try {
                long start = System.nanoTime();
                checkpoint.syncMapFile();
                observer.checkpointed(System.nanoTime() - start);
                wal.delete(older);
            } catch (IOException | RuntimeException e) {
                failed = true; // a failed map fsync is as final as a failed log fsync: keep every segment, stop
                log.error("{}: syncing the map file at a write-ahead log checkpoint failed; durable writes will not be acknowledged from"
                        + " now on and the node must be restarted to replay its log: {}", nodeName, e.toString(), e);
            }
        });
    }

    /**
     * Writes and fsyncs what was submitted, then stops the thread. Returns false if that did not
     * finish within {@code timeout} or the writer had failed: the log may then lack writes, and the
     * next start must treat the stop as unclean.
     */
    public boolean drainAndStop(Duration timeout) {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
            checkpoints.shutdown();
            checkpoints.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stopped = !thread.isAlive() && checkpoints.isTerminated() && !failed;
        try {
            if (!thread.isAlive()) wal.close();
        } catch (IOException e) {
            log.warn("{}: closing the write-ahead log: {}", nodeName, e.toString());
        }
        return stopped;
    }

    /** Deletes the whole log; only after the map file was closed and fsynced cleanly. */
    public void deleteLog() {
        try {
            wal.deleteAll();
        } catch (IOException e) {
            log.warn("{}: could not delete the write-ahead log in {} (it is replayed at the next start, harmlessly): {}",
                    nodeName, wal.dir(), e.toString());
        }
    }

    @Override
    public void close() {
        if (!drainAndStop(Duration.ofSeconds(10))) {
            log.error("{}: the write-ahead log writer did not finish within 10 s", nodeName);
        }
    }
}
