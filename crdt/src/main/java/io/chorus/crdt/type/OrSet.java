package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * An add-wins observed-remove set without tombstones (ORSWOT). Each present element carries the
 * dots of the adds that put it there; removing an element drops the dots the remover saw. An add
 * concurrent with a remove carries a dot the remover never saw, so the element stays (add wins).
 *
 * <p>A removed element leaves nothing behind: the context remembers that its dots were seen, and
 * the context is a version vector (one entry per node) once every delta has arrived. Metadata is
 * the live elements' dots (usually one each) plus one counter per node.
 */
public final class OrSet extends Crdt<OrSet> {
    private static final OrSet EMPTY = new OrSet(Collections.emptySortedMap(), CausalContext.EMPTY);

    private final SortedMap<Bytes, DotSet> elements;   // no element maps to an empty dot set

    /** {@code elements} must be unmodifiable and owned by the new value. */
    private OrSet(SortedMap<Bytes, DotSet> elements, CausalContext context) {
        super(context);
        this.elements = elements;
        assert elements.values().stream().noneMatch(DotSet::isEmpty) : "element without dots";
    }

    public static OrSet empty() {
        return EMPTY;
    }

    static OrSet of(TreeMap<Bytes, DotSet> elements, CausalContext context) {
        return wrap(Collections.unmodifiableSortedMap(elements), context);
    }

    private static OrSet wrap(SortedMap<Bytes, DotSet> elements, CausalContext context) {
        return elements.isEmpty() && context.isEmpty() ? EMPTY : new OrSet(elements, context);
    }

    SortedMap<Bytes, DotSet> entries() {
        return elements;
    }

    public boolean contains(Bytes element) {
        return elements.containsKey(element);
    }

    /** The present elements, sorted. */
    public SortedSet<Bytes> elements() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(elements.keySet()));
    }

    public int size() {
        return elements.size();
    }

    /** Adds {@code element} on behalf of node {@code actor}; replaces the element's older dots. */
    public Update<OrSet> add(String actor, Bytes element) {
        Objects.requireNonNull(element, "element");
        Dot dot = context().nextDot(actor);
        DotSet replaced = elements.getOrDefault(element, DotSet.EMPTY);
        TreeMap<Bytes, DotSet> next = new TreeMap<>(elements);
        next.put(element, DotSet.of(dot));
        List<Dot> seen = new ArrayList<>(replaced.asList());
        seen.add(dot);
        TreeMap<Bytes, DotSet> added = new TreeMap<>();
        added.put(element, DotSet.of(dot));
        return new Update<>(of(next, context().with(dot)), of(added, CausalContext.ofDots(seen)));
    }

    /** Removes {@code element} as observed here; a concurrent add elsewhere still wins. */
    public Update<OrSet> remove(Bytes element) {
        Objects.requireNonNull(element, "element");
        DotSet removed = elements.get(element);
        if (removed == null) return Update.none(this);
        TreeMap<Bytes, DotSet> next = new TreeMap<>(elements);
        next.remove(element);
        return new Update<>(of(next, context()), of(new TreeMap<>(), CausalContext.ofDots(removed.asList())));
    }

    /** Removes every element observed here. */
    public Update<OrSet> clear() {
        if (elements.isEmpty()) return Update.none(this);
        return new Update<>(of(new TreeMap<>(), context()), of(new TreeMap<>(), CausalContext.ofDots(dots())));
    }

    @Override
    public CrdtType type() {
        return CrdtType.OR_SET;
    }

    @Override
    public boolean isEmpty() {
        return elements.isEmpty();
    }

    @Override
    OrSet joinStores(CausalContext mine, OrSet other, CausalContext theirs, CausalContext result) {
        SortedMap<Bytes, DotSet> joined = DotMaps.join(elements, other.elements, (a, b) -> a.join(mine, b, theirs),
                element -> DotSet.EMPTY, DotSet::isEmpty);
        return joined == elements && result.equals(context()) ? this : wrap(joined, result);
    }

    @Override
    OrSet withContext(CausalContext context) {
        return wrap(elements, context);
    }

    @Override
    void forEachDot(Consumer<Dot> sink) {
        elements.values().forEach(dots -> dots.forEach(sink));
    }

    @Override
    Object store() {
        return elements;
    }
}
