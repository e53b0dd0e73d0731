package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A multi-value register: a write replaces every value its replica had seen; concurrent writes
 * all stay, and a read returns them all until a later write (which has seen them) replaces them.
 * At most one value per node that wrote concurrently.
 */
public final class MvRegister extends Crdt<MvRegister> {
    private static final MvRegister EMPTY = new MvRegister(DotFun.empty(), CausalContext.EMPTY);

    private final DotFun<Bytes> entries;

    private MvRegister(DotFun<Bytes> entries, CausalContext context) {
        super(context);
        this.entries = entries;
    }

    public static MvRegister empty() {
        return EMPTY;
    }

    static MvRegister of(DotFun<Bytes> entries, CausalContext context) {
        return entries.isEmpty() && context.isEmpty() ? EMPTY : new MvRegister(entries, context);
    }

    DotFun<Bytes> entries() {
        return entries;
    }

    /** The concurrent values, distinct and sorted; empty before the first write. */
    public SortedSet<Bytes> values() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(entries.entries().values()));
    }

    /** Writes {@code value} on behalf of node {@code actor}, replacing every value seen here. */
    public Update<MvRegister> set(String actor, Bytes value) {
        Objects.requireNonNull(value, "value");
        Dot dot = context().nextDot(actor);
        List<Dot> seen = new ArrayList<>(entries.entries().keySet());
        seen.add(dot);
        DotFun<Bytes> written = DotFun.of(dot, value);
        return new Update<>(new MvRegister(written, context().with(dot)), new MvRegister(written, CausalContext.ofDots(seen)));
    }

    @Override
    public CrdtType type() {
        return CrdtType.MV_REGISTER;
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    MvRegister joinStores(CausalContext mine, MvRegister other, CausalContext theirs, CausalContext result) {
        DotFun<Bytes> joined = entries.join(mine, other.entries, theirs);
        return joined == entries && result.equals(context()) ? this : of(joined, result);
    }

    @Override
    MvRegister withContext(CausalContext context) {
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
