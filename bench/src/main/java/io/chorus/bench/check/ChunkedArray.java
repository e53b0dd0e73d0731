package io.chorus.bench.check;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.UnaryOperator;

/**
 * A thread-safe array indexed by key index, allocated in chunks as keys are used, so that inserts
 * can grow the key space without a resize or a lock. Bounded by {@code capacity}.
 */
public final class ChunkedArray<T> {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final long capacity;
    private final AtomicReferenceArray<AtomicReferenceArray<T>> chunks;

    public ChunkedArray(long capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        long chunkCount = (capacity + CHUNK - 1) >>> CHUNK_BITS;
        if (chunkCount > Integer.MAX_VALUE) throw new IllegalArgumentException("capacity " + capacity + " is too large");
        this.capacity = capacity;
        this.chunks = new AtomicReferenceArray<>((int) chunkCount);
    }

    public long capacity() {
        return capacity;
    }

    /** The element at {@code index}, null if never set. */
    public T get(long index) {
        AtomicReferenceArray<T> chunk = chunks.get(chunkOf(index));
        return chunk == null ? null : chunk.get((int) (index & (CHUNK - 1)));
    }

    public void set(long index, T value) {
        chunk(index).set((int) (index & (CHUNK - 1)), value);
    }

    /** Atomically replaces the element with {@code update(old)} (old may be null); returns the new one. */
    public T update(long index, UnaryOperator<T> update) {
        return chunk(index).updateAndGet((int) (index & (CHUNK - 1)), update);
    }

    private AtomicReferenceArray<T> chunk(long index) {
        int c = chunkOf(index);
        AtomicReferenceArray<T> chunk = chunks.get(c);
        if (chunk == null) {
            chunks.compareAndSet(c, null, new AtomicReferenceArray<>(CHUNK));
            chunk = chunks.get(c);
        }
        return chunk;
    }

    private int chunkOf(long index) {
        if (index < 0 || index >= capacity) throw new IndexOutOfBoundsException("key index " + index + " outside [0, " + capacity + ")");
        return (int) (index >>> CHUNK_BITS);
    }
}
