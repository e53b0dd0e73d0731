package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A counter that goes up and down (PN-counter). Each actor keeps one entry, its running totals of
 * increments and decrements, tagged with the dot of its latest update; an update replaces the
 * actor's entry, so the state holds one entry per actor that wrote, whatever the number of
 * operations or clients. An actor is a node in one epoch: a node restarted uncleanly (which may
 * have lost its latest entry) starts a new entry under its new actor, beside its old one.
 *
 * <p>The dot is what lets a map reset the counter on removal: removing drops the dots it saw.
 * A node's entry updated concurrently with the removal survives whole (its running totals include
 * what the remover saw of that node), as in riak_dt's embedded counter.
 */
public final class PnCounter extends Crdt<PnCounter> {
    private static final PnCounter EMPTY = new PnCounter(DotFun.empty(), CausalContext.EMPTY);

    /** One node's running totals since its entry was last reset. Both are >= 0. */
    record Totals(long increments, long decrements) implements Comparable<Totals> {
        Totals {
            if (increments < 0 || decrements < 0) throw new IllegalArgumentException("negative counter totals");
        }

        @Override
        public int compareTo(Totals other) {
            int byIncrements = Long.compare(increments, other.increments);
            return byIncrements != 0 ? byIncrements : Long.compare(decrements, other.decrements);
        }
    }

    private final DotFun<Totals> entries;

    private PnCounter(DotFun<Totals> entries, CausalContext context) {
        super(context);
        this.entries = entries;
    }

    public static PnCounter empty() {
        return EMPTY;
    }

    static PnCounter of(DotFun<Totals> entries, CausalContext context) {
        return entries.isEmpty() && context.isEmpty() ? EMPTY : new PnCounter(entries, context);
    }

    DotFun<Totals> entries() {
        return entries;
    }

    /**
     * The sum of every node's increments minus its decrements.
     *
     * @throws ArithmeticException only if concurrent updates carried the sum past a long, which
     *         each mutator refuses locally
     */
    public long value() {
        long value = 0;
        for (Totals t : entries.entries().values()) {
            value = Math.addExact(value, Math.subtractExact(t.increments(), t.decrements()));
        }
        return value;
    }

    /** Adds {@code amount} (>= 0) on behalf of node {@code actor}. */
    public Update<PnCounter> increment(String actor, long amount) {
        requireAmount(amount);
        return change(actor, amount, 0);
    }

    /** Subtracts {@code amount} (>= 0) on behalf of node {@code actor}. */
    public Update<PnCounter> decrement(String actor, long amount) {
        requireAmount(amount);
        return change(actor, 0, amount);
    }

    private Update<PnCounter> change(String actor, long increments, long decrements) {
        Dot dot = context().nextDot(actor);
        List<Dot> seen = new ArrayList<>();   // the delta's context: the entries replaced, and the new dot
        TreeMap<Dot, Totals> next = new TreeMap<>(entries.entries());
        try {
            for (Map.Entry<Dot, Totals> e : entries.entries().entrySet()) {
                if (!e.getKey().actor().equals(actor)) continue;
                increments = Math.addExact(increments, e.getValue().increments());
                decrements = Math.addExact(decrements, e.getValue().decrements());
                seen.add(e.getKey());
                next.remove(e.getKey());
            }
            Totals totals = new Totals(increments, decrements);
            next.put(dot, totals);
            PnCounter state = new PnCounter(DotFun.of(next), context().with(dot));
            state.value();   // refuse an update that would make the sum overflow
            seen.add(dot);
            return new Update<>(state, new PnCounter(DotFun.of(dot, totals), CausalContext.ofDots(seen)));
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("counter update refused: the counter would overflow a 64-bit long");
        }
    }

    private static void requireAmount(long amount) {
        if (amount < 0) throw new IllegalArgumentException("counter amount must be >= 0, was " + amount);
    }

    @Override
    public CrdtType type() {
        return CrdtType.PN_COUNTER;
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    PnCounter joinStores(CausalContext mine, PnCounter other, CausalContext theirs, CausalContext result) {
        DotFun<Totals> joined = latestPerActor(entries.join(mine, other.entries, theirs));
        return joined.equals(entries) && result.equals(context()) ? this : of(joined, result);
    }

    /**
     * Keeps each actor's highest-dot entry only. An actor's entry is cumulative: a node mints a new
     * entry from its own latest one (or from nothing, after it observed a reset), so its highest
     * entry supersedes every lower one even when the deltas between them were lost. Without this a
     * replica that missed a delta kept the old entry beside the new one and counted it twice (found
     * by the simulator, regression seeds 87 and 173).
     */
    private static DotFun<Totals> latestPerActor(DotFun<Totals> store) {
        TreeMap<String, Dot> latest = new TreeMap<>();
        for (Dot dot : store.entries().keySet()) latest.merge(dot.actor(), dot, (a, b) -> a.counter() >= b.counter() ? a : b);
        if (latest.size() == store.entries().size()) return store;
        TreeMap<Dot, Totals> kept = new TreeMap<>();
        for (Dot dot : latest.values()) kept.put(dot, store.entries().get(dot));
        return DotFun.of(kept);
    }

    @Override
    PnCounter withContext(CausalContext context) {
        return of(entries, context);
    }

    @Override
    void forEachDot(Consumer<Dot> sink) {
        entries.forEachDot(sink);
    }

    @Override
    Object store() {
        return entries;
    }
}
