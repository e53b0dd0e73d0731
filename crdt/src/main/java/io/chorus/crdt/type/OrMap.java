package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An observed-remove map from {@link Field}s to nested CRDT values of any type, maps included.
 *
 * <p>Semantics (those of the delta-CRDT paper's causal map, and of riak_dt's map):
 * <ul>
 *   <li>The map and every value nested in it share one causal context: a nested update mints its
 *       dot from the map's context, and the map's delta is the nested delta under its field.
 *   <li>A field exists while its value holds a live dot. Absent and bottom are the same thing:
 *       a missing counter reads 0, a missing set empty, a missing flag false; a set emptied by
 *       removes, or a disabled flag, leaves the map.
 *   <li>Removing a field is observed-remove with <em>reset</em> semantics: it drops every dot
 *       the remover saw in the value. An update concurrent with the removal survives, with only
 *       its own effect (a set keeps only the elements added concurrently, a register only the
 *       concurrent write; a counter keeps the totals of the nodes that updated concurrently).
 *       Nothing else of the old value comes back, and the removal leaves no tombstone.
 * </ul>
 */
public final class OrMap extends Crdt<OrMap> {
    /**
     * How deep maps may nest (a map with no nested map is depth 1). Merges, equality and the
     * codec recurse once per level, so a bound keeps them off the stack's edge.
     */
    public static final int NESTING_DEPTH_MAX = 32;

    private static final OrMap EMPTY = new OrMap(Collections.emptySortedMap(), CausalContext.EMPTY);

    /** Nested values carry {@link CausalContext#EMPTY}: the map's context is theirs. None is empty. */
    private final SortedMap<Field, Crdt<?>> fields;
    private final int depth;

    private OrMap(SortedMap<Field, Crdt<?>> fields, CausalContext context) {
        super(context);
        this.fields = fields;
        int nestedDepth = 0;
        for (Crdt<?> value : fields.values()) {
            if (value instanceof OrMap map) nestedDepth = Math.max(nestedDepth, map.depth);
        }
        this.depth = nestedDepth + 1;
        assert fields.entrySet().stream().allMatch(e -> isNested(e.getKey(), e.getValue())) : "malformed field in " + fields;
    }

    public static OrMap empty() {
        return EMPTY;
    }

    static OrMap of(TreeMap<Field, Crdt<?>> fields, CausalContext context) {
        return wrap(Collections.unmodifiableSortedMap(fields), context);
    }

    private static OrMap wrap(SortedMap<Field, Crdt<?>> fields, CausalContext context) {
        return fields.isEmpty() && context.isEmpty() ? EMPTY : new OrMap(fields, context);
    }

    /** The nested values as stored (under an empty context), for the codec. */
    SortedMap<Field, Crdt<?>> entries() {
        return fields;
    }

    /** The present fields, sorted by name then type. */
    public SortedSet<Field> fields() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(fields.keySet()));
    }

    public int size() {
        return fields.size();
    }

    /** How deep maps nest in this one: 1 without nested maps. */
    public int depth() {
        return depth;
    }

    public boolean contains(String name, Class<? extends Crdt<?>> type) {
        return fields.containsKey(new Field(name, CrdtType.of(type)));
    }

    /** The value of field {@code name} of type {@code type}: the empty value when absent. */
    public <V extends Crdt<V>> V get(String name, Class<V> type) {
        return type.cast(get(new Field(name, CrdtType.of(type))));
    }

    /** The value of {@code field} under this map's context: the empty value when absent. */
    public Crdt<?> get(Field field) {
        Crdt<?> nested = fields.get(field);
        // Even an absent field's value carries the map's context: its next dot must be fresh.
        return (nested == null ? field.type().empty() : nested).withContext(context());
    }

    /**
     * Applies {@code operation} to field {@code name} of type {@code type} (starting from the empty
     * value when absent), as in {@code map.update("likes", PnCounter.class, c -> c.increment(node, 1))}.
     * The operation must be one of the value's mutators, called on the value it is given.
     *
     * @throws IllegalArgumentException when the result would nest maps deeper than {@link #NESTING_DEPTH_MAX}
     */
    public <V extends Crdt<V>> Update<OrMap> update(String name, Class<V> type, Function<? super V, Update<V>> operation) {
        Field field = new Field(name, CrdtType.of(type));
        Update<V> nested = operation.apply(get(name, type));
        assert nested.state().context().descends(context()) : "nested update lost events of the map";
        if (nested.state() instanceof OrMap map && map.depth >= NESTING_DEPTH_MAX) {
            throw new IllegalArgumentException("map update refused: it would nest maps " + (map.depth + 1)
                    + " deep, past NESTING_DEPTH_MAX " + NESTING_DEPTH_MAX);
        }
        TreeMap<Field, Crdt<?>> next = new TreeMap<>(fields);
        put(next, field, nested.state());
        TreeMap<Field, Crdt<?>> changed = new TreeMap<>();
        put(changed, field, nested.delta());
        return new Update<>(of(next, nested.state().context()), of(changed, nested.delta().context()));
    }

    /** Removes {@code field} as observed here (see the class comment for concurrent updates). */
    public Update<OrMap> remove(Field field) {
        Crdt<?> removed = fields.get(field);
        if (removed == null) return Update.none(this);
        TreeMap<Field, Crdt<?>> next = new TreeMap<>(fields);
        next.remove(field);
        return new Update<>(of(next, context()), of(new TreeMap<>(), CausalContext.ofDots(removed.dots())));
    }

    public Update<OrMap> remove(String name, Class<? extends Crdt<?>> type) {
        return remove(new Field(name, CrdtType.of(type)));
    }

    private static void put(TreeMap<Field, Crdt<?>> fields, Field field, Crdt<?> value) {
        if (value.isEmpty()) fields.remove(field);
        else fields.put(field, value.withContext(CausalContext.EMPTY));
    }

    @Override
    public CrdtType type() {
        return CrdtType.OR_MAP;
    }

    @Override
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    OrMap joinStores(CausalContext mine, OrMap other, CausalContext theirs, CausalContext result) {
        SortedMap<Field, Crdt<?>> joined = DotMaps.join(fields, other.fields, (a, b) -> joinNested(a, mine, b, theirs),
                field -> field.type().empty(), Crdt::isEmpty);
        return joined == fields && result.equals(context()) ? this : wrap(joined, result);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Crdt<?> joinNested(Crdt a, CausalContext mine, Crdt b, CausalContext theirs) {
        return a.joinStores(mine, b, theirs, CausalContext.EMPTY);
    }

    private static boolean isNested(Field field, Crdt<?> value) {
        return field.type() == value.type() && value.context().isEmpty() && !value.isEmpty();
    }

    @Override
    OrMap withContext(CausalContext context) {
        return wrap(fields, context);
    }

    @Override
    void forEachDot(Consumer<Dot> sink) {
        fields.values().forEach(value -> value.forEachDot(sink));
    }

    @Override
    Object store() {
        return fields;
    }
}
