package io.chorus.bench.check;

import java.util.Arrays;

/**
 * The acknowledged writes of one key that no other acknowledged write has superseded: usually one,
 * several when writes were concurrent (siblings). Being fresh for every write of the frontier means
 * being fresh for every acknowledged write of the key, because a superseding write's context covers
 * what it superseded. Immutable, so a read takes it as a snapshot when it starts (one volatile read,
 * no copy) and checks its result against exactly the writes acknowledged before it began.
 */
public final class Frontier {
    public static final Frontier EMPTY = new Frontier(new WriteRecord[0], false);

    private final WriteRecord[] writes;
    private final boolean trimmed;

    private Frontier(WriteRecord[] writes, boolean trimmed) {
        this.writes = writes;
        this.trimmed = trimmed;
    }

    /**
     * The frontier after {@code write} was acknowledged: it replaces the writes it supersedes, and is
     * left out if one already there supersedes it (its ack arrived late). Past {@code writesMax} the
     * oldest write is dropped and the result says {@link #trimmed()}: reads then check less.
     */
    public Frontier withAck(WriteRecord write, int writesMax) {
        for (WriteRecord w : writes) {
            if (w.supersedes(write)) return this;
        }
        WriteRecord[] next = new WriteRecord[writes.length + 1];
        int n = 0;
        for (WriteRecord w : writes) {
            if (!write.supersedes(w)) next[n++] = w;
        }
        next[n++] = write;
        boolean trim = n > writesMax;
        int from = trim ? n - writesMax : 0;
        return new Frontier(Arrays.copyOfRange(next, from, n), trim);
    }

    public boolean isEmpty() {
        return writes.length == 0;
    }

    public int size() {
        return writes.length;
    }

    public WriteRecord get(int i) {
        return writes[i];
    }

    /** True when making this frontier dropped a write that was not superseded (the bound was hit). */
    public boolean trimmed() {
        return trimmed;
    }

    @Override
    public String toString() {
        return Arrays.toString(writes);
    }
}
