package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A last-writer-wins register ordered by {@link HybridTimestamp}, never by a bare wall clock.
 *
 * <p>Like a multi-value register it keeps the concurrent writes, each under its dot (at most one
 * per node), and a write replaces every write its replica had seen; a read returns the one with
 * the greatest timestamp. Every write is stamped after every timestamp it replaces (see
 * {@link #set}), so the value read is exactly the one with the greatest timestamp ever written,
 * and causally later writes always win. Keeping the concurrent writes under their dots is what
 * lets a map reset the register on removal and still merge associatively.
 */
public final class LwwRegister extends Crdt<LwwRegister> {
    private static final LwwRegister EMPTY = new LwwRegister(DotFun.empty(), CausalContext.EMPTY);

    /** One write: its timestamp (the writing node's, as the dot's) and value. */
    record Stamped(HybridTimestamp timestamp, Bytes value) implements Comparable<Stamped> {
        private static final Comparator<Stamped> ORDER =
                Comparator.comparing(Stamped::timestamp).thenComparing(Stamped::value);

        @Override
        public int compareTo(Stamped other) {
            return ORDER.compare(this, other);
        }
    }

    private final DotFun<Stamped> entries;

    private LwwRegister(DotFun<Stamped> entries, CausalContext context) {
        super(context);
        this.entries = entries;
    }

    public static LwwRegister empty() {
        return EMPTY;
    }

    static LwwRegister of(DotFun<Stamped> entries, CausalContext context) {
        return entries.isEmpty() && context.isEmpty() ? EMPTY : new LwwRegister(entries, context);
    }

    DotFun<Stamped> entries() {
        return entries;
    }

    /** The value of the write with the greatest timestamp; empty before the first write. */
    public Optional<Bytes> value() {
        return winner().map(Stamped::value);
    }

    /** The greatest timestamp held; a new write must be stamped after it. */
    public Optional<HybridTimestamp> timestamp() {
        return winner().map(Stamped::timestamp);
    }

    /**
     * Writes {@code value} on behalf of the node that issued {@code timestamp}; replaces every
     * write seen here. Stamp it with {@link HybridClock#observe} of {@link #timestamp()}. Should
     * the timestamp not be after {@link #timestamp()} (the clock lags, or refused a timestamp
     * too far ahead), the write is stamped just after it instead, so that the register stays
     * writable and a write never loses to what it replaced. The state's {@link #timestamp()}
     * tells which was used.
     */
    public Update<LwwRegister> set(Bytes value, HybridTimestamp timestamp) {
        Objects.requireNonNull(value, "value");
        Optional<HybridTimestamp> latest = timestamp();
        if (latest.isPresent() && !timestamp.isAfter(latest.get())) timestamp = latest.get().next(timestamp.actor());
        Dot dot = context().nextDot(timestamp.actor());
        List<Dot> seen = new ArrayList<>(entries.entries().keySet());
        seen.add(dot);
        DotFun<Stamped> written = DotFun.of(dot, new Stamped(timestamp, value));
        return new Update<>(new LwwRegister(written, context().with(dot)), new LwwRegister(written, CausalContext.ofDots(seen)));
    }

    private Optional<Stamped> winner() {
        return entries.entries().values().stream().max(Comparator.naturalOrder());
    }

    @Override
    public CrdtType type() {
        return CrdtType.LWW_REGISTER;
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    LwwRegister joinStores(CausalContext mine, LwwRegister other, CausalContext theirs, CausalContext result) {
        DotFun<Stamped> joined = entries.join(mine, other.entries, theirs);
        return joined == entries && result.equals(context()) ? this : of(joined, result);
    }

    @Override
    LwwRegister withContext(CausalContext context) {
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
