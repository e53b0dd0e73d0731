package io.chorus.replication.state;

import io.chorus.replication.Invariants;
import java.util.Arrays;

/**
 * The operation ids most recently applied to one key, so that a retried CRDT operation (same id,
 * any coordinator) is applied at most once. Bounded: it keeps the {@link #CAPACITY} largest ids.
 * Clients make ids that grow with time, so this is "the last 256 operations on the key": a retry is
 * recognised as long as fewer than 256 newer operations reached the key in between. Merge is the
 * top-256 of the union: commutative, associative and idempotent, like the value it travels with.
 */
public final class AppliedOps {
    public static final int CAPACITY = 256;
    private static final AppliedOps NONE = new AppliedOps(new long[0]);

    private final long[] ids; // sorted ascending, distinct

    private AppliedOps(long[] ids) {
        // contains() searches and mayHaveForgotten() reads ids[0] as the oldest: sorted, distinct, bounded
        if (ids.length > CAPACITY) throw Invariants.violated("%s applied operation ids kept, more than %s", ids.length, CAPACITY);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i - 1] >= ids[i]) throw Invariants.violated("applied operation ids not sorted and distinct at %s: %s", i, Arrays.toString(ids));
        }
        this.ids = ids;
    }

    public static AppliedOps none() {
        return NONE;
    }

    public static AppliedOps of(long... ids) {
        long[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
        return trimmed(sorted);
    }

    /**
     * How a plain write's refused operation id is remembered among the applied ones: plain writes'
     * ids are even, the mark is odd ({@code id | 1}), and sorts next to the id it marks.
     */
    public static long refusalMark(long operationId) {
        return operationId | 1;
    }

    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /**
     * True if {@code id} may have been applied and since forgotten: this holds {@link #CAPACITY} ids
     * and {@code id} is older than all of them. Such an operation must not be applied (again): a
     * copy of its request that arrives this late (a retransmission, a retry after a long outage)
     * cannot be told apart from one applied before. Ids grow with their client's clock, so a
     * client's new operation is this old only if its clock is behind the clients that made the last
     * {@value #CAPACITY} operations on the key.
     */
    public boolean mayHaveForgotten(long id) {
        return ids.length == CAPACITY && id < ids[0];
    }

    public AppliedOps with(long id) {
        return contains(id) ? this : merge(of(id));
    }

    public AppliedOps merge(AppliedOps other) {
        if (other.ids.length == 0 || other == this) return this;
        if (ids.length == 0) return other;
        long[] union = new long[ids.length + other.ids.length];
        int i = 0, j = 0, n = 0;
        while (i < ids.length || j < other.ids.length) {
            long next;
            if (j == other.ids.length || (i < ids.length && ids[i] < other.ids[j])) next = ids[i++];
            else if (i == ids.length || other.ids[j] < ids[i]) next = other.ids[j++];
            else { next = ids[i++]; j++; }
            union[n++] = next;
        }
        return trimmed(Arrays.copyOf(union, n));
    }

    private static AppliedOps trimmed(long[] sorted) {
        if (sorted.length == 0) return NONE;
        return new AppliedOps(sorted.length <= CAPACITY ? sorted : Arrays.copyOfRange(sorted, sorted.length - CAPACITY, sorted.length));
    }

    public long[] ids() {
        return ids.clone();
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppliedOps a && Arrays.equals(ids, a.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "AppliedOps" + Arrays.toString(ids);
    }
}
