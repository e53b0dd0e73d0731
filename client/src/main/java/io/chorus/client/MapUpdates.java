package io.chorus.client;

import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.FlagSet;
import io.chorus.replication.crdt.LwwSet;
import io.chorus.replication.crdt.MapRemove;
import io.chorus.replication.crdt.MapUpdate;
import io.chorus.replication.crdt.RegisterSet;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetClear;
import io.chorus.replication.crdt.SetRemove;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The changes of one {@link MapRef#update map update}, named field by field:
 * {@code m -> m.counter("visits").increment(1).set("tags").add("x")}. Each field method returns
 * the field's operations, and each operation returns this builder, so changes chain.
 *
 * <p>Each change becomes one map operation on the wire (a {@code MapUpdate} of one field, or a
 * {@code MapRemove}), except that consecutive changes of the same field that add up are sent as
 * one: two increments as their sum, two adds (or two removes) of set elements as one add (or
 * remove) of all of them. A field is a name and a type: {@code counter("x")} and {@code set("x")}
 * are two fields. Not thread-safe: use it inside the update's callback only.
 */
public final class MapUpdates {
    /**
     * Set changes are combined only while their elements stay this small, well under the nodes'
     * {@code valueBytesMax}: combining must never turn accepted changes into a refused one.
     */
    static final int COMBINED_ELEMENT_BYTES_MAX = 64 << 10;

    private final List<CrdtOp> operations = new ArrayList<>();

    MapUpdates() {
    }

    public CounterField counter(String name) {
        return new CounterField(field(name));
    }

    public SetField set(String name) {
        return new SetField(field(name));
    }

    public RegisterField register(String name) {
        return new RegisterField(field(name));
    }

    public LwwRegisterField lwwRegister(String name) {
        return new LwwRegisterField(field(name));
    }

    public FlagField flag(String name) {
        return new FlagField(field(name));
    }

    public MapField map(String name) {
        return new MapField(field(name));
    }

    /** The operations to send, in order. */
    List<CrdtOp> operations() {
        return List.copyOf(operations);
    }

    private MapUpdates add(String field, CrdtOp nested) {
        return record(new MapUpdate(field, nested));
    }

    private MapUpdates remove(String field, CrdtType type) {
        return record(new MapRemove(field, type));
    }

    private MapUpdates record(CrdtOp operation) {
        int last = operations.size() - 1;
        CrdtOp combined = last < 0 ? null : combined(operations.get(last), operation);
        if (combined != null) operations.set(last, combined);
        else operations.add(operation);
        return this;
    }

    /** One operation with the effect of {@code first} then {@code second}, or null when they do not add up. */
    static CrdtOp combined(CrdtOp first, CrdtOp second) {
        if (first instanceof MapUpdate a && second instanceof MapUpdate b && a.field().equals(b.field())) {
            CrdtOp nested = combined(a.operation(), b.operation());
            return nested == null ? null : new MapUpdate(a.field(), nested);
        }
        if (first instanceof CounterAdd a && second instanceof CounterAdd b) {
            long sum = a.amount() + b.amount();
            boolean overflowed = ((a.amount() ^ sum) & (b.amount() ^ sum)) < 0;
            return overflowed ? null : new CounterAdd(sum);
        }
        if (first instanceof SetAdd a && second instanceof SetAdd b && small(a.elements(), b.elements())) {
            return new SetAdd(concat(a.elements(), b.elements()));
        }
        if (first instanceof SetRemove a && second instanceof SetRemove b && small(a.elements(), b.elements())) {
            return new SetRemove(concat(a.elements(), b.elements()));
        }
        return null;
    }

    private static boolean small(byte[][] a, byte[][] b) {
        long bytes = 0;
        for (byte[] element : a) bytes += element.length;
        for (byte[] element : b) bytes += element.length;
        return bytes <= COMBINED_ELEMENT_BYTES_MAX;
    }

    private static byte[][] concat(byte[][] a, byte[][] b) {
        byte[][] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String field(String name) {
        Objects.requireNonNull(name, "field name");
        if (name.isEmpty()) throw new IllegalArgumentException("a map field needs a name");
        return name;
    }

    /** A counter field. */
    public final class CounterField {
        private final String name;

        private CounterField(String name) {
            this.name = name;
        }

        public MapUpdates increment(long amount) {
            return add(name, new CounterAdd(Elements.nonNegative(amount, "increment")));
        }

        public MapUpdates decrement(long amount) {
            return add(name, new CounterAdd(-Elements.nonNegative(amount, "decrement")));
        }

        /** Removes the field: the counter restarts from 0, keeping only increments concurrent with the removal. */
        public MapUpdates removeField() {
            return remove(name, CrdtType.PN_COUNTER);
        }
    }

    /** A set field (add-wins). */
    public final class SetField {
        private final String name;

        private SetField(String name) {
            this.name = name;
        }

        public MapUpdates add(String... elements) {
            return MapUpdates.this.add(name, new SetAdd(Elements.ofText(Arrays.asList(elements))));
        }

        public MapUpdates add(byte[]... elements) {
            return MapUpdates.this.add(name, new SetAdd(Elements.ofBytes(Arrays.asList(elements))));
        }

        /** Removes the elements as far as the replica taking the update has seen them added. */
        public MapUpdates remove(String... elements) {
            return MapUpdates.this.add(name, new SetRemove(Elements.ofText(Arrays.asList(elements))));
        }

        public MapUpdates remove(byte[]... elements) {
            return MapUpdates.this.add(name, new SetRemove(Elements.ofBytes(Arrays.asList(elements))));
        }

        /** Removes every element the replica taking the update has seen. */
        public MapUpdates clear() {
            return MapUpdates.this.add(name, new SetClear());
        }

        public MapUpdates removeField() {
            return MapUpdates.this.remove(name, CrdtType.OR_SET);
        }
    }

    /** A multi-value register field. */
    public final class RegisterField {
        private final String name;

        private RegisterField(String name) {
            this.name = name;
        }

        public MapUpdates set(String value) {
            return add(name, new RegisterSet(Elements.utf8(value, "value")));
        }

        public MapUpdates set(byte[] value) {
            return add(name, new RegisterSet(Elements.copy(value, "value")));
        }

        public MapUpdates removeField() {
            return remove(name, CrdtType.MV_REGISTER);
        }
    }

    /** A last-writer-wins register field. */
    public final class LwwRegisterField {
        private final String name;

        private LwwRegisterField(String name) {
            this.name = name;
        }

        public MapUpdates set(String value) {
            return add(name, new LwwSet(Elements.utf8(value, "value")));
        }

        public MapUpdates set(byte[] value) {
            return add(name, new LwwSet(Elements.copy(value, "value")));
        }

        public MapUpdates removeField() {
            return remove(name, CrdtType.LWW_REGISTER);
        }
    }

    /** A flag field (enable-wins). */
    public final class FlagField {
        private final String name;

        private FlagField(String name) {
            this.name = name;
        }

        public MapUpdates enable() {
            return add(name, new FlagSet(true));
        }

        public MapUpdates disable() {
            return add(name, new FlagSet(false));
        }

        public MapUpdates removeField() {
            return remove(name, CrdtType.EW_FLAG);
        }
    }

    /** A nested map field. */
    public final class MapField {
        private final String name;

        private MapField(String name) {
            this.name = name;
        }

        /** Applies {@code changes} to the nested map: {@code m.map("address").update(a -> a.lwwRegister("city").set("Oslo"))}. */
        public MapUpdates update(Consumer<MapUpdates> changes) {
            MapUpdates nested = new MapUpdates();
            Objects.requireNonNull(changes, "changes").accept(nested);
            for (CrdtOp operation : nested.operations) add(name, operation);
            return MapUpdates.this;
        }

        public MapUpdates removeField() {
            return remove(name, CrdtType.OR_MAP);
        }
    }
}
