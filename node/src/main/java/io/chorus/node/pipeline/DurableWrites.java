package io.chorus.node.pipeline;

import io.chorus.node.storage.WalBatch;
import io.chorus.replication.state.Key;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The handler thread's side of group commit: during a Disruptor batch it collects the durable
 * writes (already put into the map) in log format, and what must wait for them to be fsynced (in
 * the node, the core's Readies whose afterPersist output is held back); at the end of the batch it
 * hands the writes to the writer thread in one piece ({@link #endOfBatch}); when the writer reports
 * a batch id persisted, {@link #persisted} releases, in order, everything that waited for that
 * batch or an earlier one. Never blocks: the handler keeps handling events while fsyncs run.
 *
 * <p>Handler thread only, except {@link #outstanding()}, which the shutdown path reads to know
 * when nothing waits for an fsync any more.
 *
 * @param <T> what waits for a batch to be durable
 */
public final class DurableWrites<T> {
    private record Waiting<T>(long batchId, List<T> items) {
    }

    private final Function<WalBatch, Long> submit;
    private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
    private WalBatch batch = new WalBatch();
    private List<T> held = new ArrayList<>();
    private volatile int outstanding; // items held or waiting; written by the handler thread only

    /** @param submit hands a batch to the writer and returns its id ({@code WalWriter::submit}; tests stand in for it) */
    public DurableWrites(Function<WalBatch, Long> submit) {
        this.submit = submit;
    }

    /** One durable write of the current handler batch: the key and its state as encoded in the map. */
    public void add(Key key, byte[] encodedState) {
        batch.add(key, encodedState);
    }

    /** {@code item} waits until every durable write added so far in this handler batch is fsynced. */
    public void hold(T item) {
        held.add(item);
        outstanding = outstanding + 1;
    }

    /** Whether a write was added in this handler batch. */
    public boolean hasWrites() {
        return !batch.isEmpty();
    }

    /**
     * End of a handler batch: hands the writes to the writer and files the held items under the
     * batch's id. Held items with no write in this batch (nothing to fsync for them but earlier
     * batches still running) wait behind the last submitted batch; with nothing running at all,
     * they are released at once through {@code release}.
     */
    public void endOfBatch(Consumer<T> release) {
        if (!batch.isEmpty()) {
            long id = submit.apply(batch);
            batch = new WalBatch();
            file(id);
        } else if (!held.isEmpty()) {
            if (waiting.isEmpty()) {
                List<T> items = held;
                held = new ArrayList<>();
                releaseAll(items, release);
            } else {
                file(waiting.peekLast().batchId());
            }
        }
    }

    private void file(long id) {
        if (held.isEmpty()) return;
        Waiting<T> last = waiting.peekLast();
        if (last != null && last.batchId() == id) last.items().addAll(held);
        else waiting.addLast(new Waiting<>(id, held));
        held = new ArrayList<>();
    }

    /** The writer reports every batch up to {@code batchId} fsynced: releases what waited for them, in order. */
    public void persisted(long batchId, Consumer<T> release) {
        while (!waiting.isEmpty() && waiting.peekFirst().batchId() <= batchId) releaseAll(waiting.pollFirst().items(), release);
    }

    private void releaseAll(List<T> items, Consumer<T> release) {
        for (T item : items) {
            outstanding = outstanding - 1;
            release.accept(item);
        }
    }

    /** Items held or waiting for an fsync (any thread). */
    public int outstanding() {
        return outstanding;
    }
}
