package io.chorus.node.net;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node-wide byte budget shared by every event loop: bytes of client requests being received,
 * waiting in the ring and being coordinated, from the moment they are buffered until their reply
 * is written. Lock-free; a refused acquisition changes nothing.
 */
public final class RequestBytesBudget {
    private final long bytesMax;
    private final AtomicLong used = new AtomicLong();

    public RequestBytesBudget(long bytesMax) {
        assert bytesMax > 0;
        this.bytesMax = bytesMax;
    }

    /** Takes {@code bytes} if they fit under the budget; false (nothing taken) otherwise. */
    public boolean tryAcquire(long bytes) {
        assert bytes >= 0 : bytes;
        while (true) {
            long now = used.get();
            if (now + bytes > bytesMax) return false;
            if (used.compareAndSet(now, now + bytes)) return true;
        }
    }

    /** Takes {@code bytes} even past the budget: bytes already in the heap (then nothing more is read until it drains). */
    public void charge(long bytes) {
        assert bytes >= 0 : bytes;
        used.addAndGet(bytes);
    }

    public void release(long bytes) {
        long after = used.addAndGet(-bytes);
        assert after >= 0 : "released more than acquired: " + after;
    }

    public long usedBytes() {
        return used.get();
    }

    public long bytesMax() {
        return bytesMax;
    }
}
