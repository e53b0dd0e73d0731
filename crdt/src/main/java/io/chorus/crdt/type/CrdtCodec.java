package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The byte format of every CRDT value and delta, so that storage and replication can keep and
 * ship them without knowing their type. Compact: node names are written once, in a table, and
 * dots refer to them by index; numbers are varints.
 *
 * <pre>
 * value    := typeTag:u8 version:u8 actors context store(typeTag)
 * actors   := count (name:string)*                       names sorted, distinct, each used
 * context  := count (actor counter)* count (actor counter)*   vector, then cloud (canonical)
 * store    := counter: count (dot increments decrements)*
 *           | set:     count (element:bytes count dot*)*
 *           | mvreg:   count (dot value:bytes)*
 *           | lwwreg:  count (dot wallMillis logical value:bytes)*   timestamp actor = dot actor
 *           | flag:    count dot*
 *           | map:     count (name:string typeTag:u8 store(typeTag))*   at most NESTING_DEPTH_MAX deep
 * dot      := actor:varint counter:varint;  string, bytes := length:varint then the bytes
 * </pre>
 *
 * Everything is sorted and nothing is optional, so equal values encode to equal bytes, and the
 * decoder accepts only that canonical form: {@code encode(decode(b))} equals {@code b} for every
 * {@code b} it accepts. Malformed input fails with an {@link IllegalArgumentException} naming the
 * offset and what was wrong; every length and count is checked against the bytes left first.
 */
public final class CrdtCodec {
    public static final int FORMAT_VERSION = 1;
    /** How deep maps may nest: {@link OrMap#NESTING_DEPTH_MAX}; bounds the decoder's recursion. */
    public static final int NESTING_DEPTH_MAX = OrMap.NESTING_DEPTH_MAX;

    private CrdtCodec() {
    }

    public static byte[] encode(Crdt<?> value) {
        Objects.requireNonNull(value, "value");
        TreeSet<String> actorNames = new TreeSet<>();
        value.context().compact().actors().forEach(actorNames::add);
        value.context().cloud().forEach(dot -> actorNames.add(dot.actor()));
        value.forEachDot(dot -> actorNames.add(dot.actor()));
        Map<String, Integer> actors = new HashMap<>();   // lookups only; order comes from actorNames
        CodecWriter out = new CodecWriter();
        out.writeByte(value.type().tag());
        out.writeByte(FORMAT_VERSION);
        out.writeVarint(actorNames.size());
        for (String name : actorNames) {
            actors.put(name, actors.size());
            out.writeString(name);
        }
        StoreWriter writer = new StoreWriter(out, actors);
        writer.context(value.context());
        writer.store(value, 1);
        return out.toByteArray();
    }

    public static Crdt<?> decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** @throws IllegalArgumentException when the bytes are not exactly one canonical value */
    public static Crdt<?> decode(byte[] bytes, int offset, int length) {
        CodecReader in = new CodecReader(bytes, offset, length);
        CrdtType type = readType(in);
        int version = in.readByte();
        if (version != FORMAT_VERSION) throw in.failAt(in.position() - 1, "unknown format version " + version);
        StoreReader reader = new StoreReader(in, readActors(in));
        CausalContext context = reader.context();
        Crdt<?> value = reader.store(type, 1).withContext(context);
        value.forEachDot(dot -> {
            if (!context.contains(dot)) throw in.fail("dot " + dot + " is not in the value's causal context " + context);
        });
        reader.requireEveryActorUsed();
        if (in.remaining() != 0) throw in.fail(in.remaining() + " bytes left after the value");
        return value;
    }

    /** @throws IllegalArgumentException when the bytes are malformed or hold another type */
    public static <V extends Crdt<V>> V decode(byte[] bytes, Class<V> type) {
        return Crdt.as(decode(bytes), type);
    }

    /** The type of an encoded value, read from its first byte alone. */
    public static CrdtType typeOf(byte[] bytes) {
        return readType(new CodecReader(bytes, 0, bytes.length));
    }

    private static CrdtType readType(CodecReader in) {
        int start = in.position();
        int tag = in.readByte();
        try {
            return CrdtType.fromTag(tag);
        } catch (IllegalArgumentException e) {
            throw in.failAt(start, e.getMessage());
        }
    }

    private static List<String> readActors(CodecReader in) {
        int count = in.readCount("actor");
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readString("actor name");
            if (name.isEmpty()) throw in.fail("actor name is empty");
            if (i > 0 && names.get(i - 1).compareTo(name) >= 0) throw in.fail("actor names not sorted and distinct at \"" + name + "\"");
            names.add(name);
        }
        return names;
    }

    /** Writes contexts and stores with actors replaced by their table index. */
    private record StoreWriter(CodecWriter out, Map<String, Integer> actors) {
        void context(CausalContext context) {
            TreeMap<String, Long> vector = context.compact().toMap();
            out.writeVarint(vector.size());
            vector.forEach((actor, counter) -> {
                out.writeVarint(actors.get(actor));
                out.writeVarint(counter);
            });
            out.writeVarint(context.cloud().size());
            context.cloud().forEach(this::dot);
        }

        void dot(Dot dot) {
            out.writeVarint(actors.get(dot.actor()));
            out.writeVarint(dot.counter());
        }

        void store(Crdt<?> value, int depth) {
            switch (value.type()) {
                case PN_COUNTER -> counter((PnCounter) value);
                case OR_SET -> set((OrSet) value);
                case MV_REGISTER -> mvRegister((MvRegister) value);
                case LWW_REGISTER -> lwwRegister((LwwRegister) value);
                case EW_FLAG -> flag((EwFlag) value);
                case OR_MAP -> map((OrMap) value, depth);
            }
        }

        private void counter(PnCounter value) {
            out.writeVarint(value.entries().entries().size());
            value.entries().entries().forEach((dot, totals) -> {
                dot(dot);
                out.writeVarint(totals.increments());
                out.writeVarint(totals.decrements());
            });
        }

        private void set(OrSet value) {
            out.writeVarint(value.entries().size());
            value.entries().forEach((element, dots) -> {
                out.writeBytes(element.unsafeArray());
                out.writeVarint(dots.size());
                dots.forEach(this::dot);
            });
        }

        private void mvRegister(MvRegister value) {
            out.writeVarint(value.entries().entries().size());
            value.entries().entries().forEach((dot, bytes) -> {
                dot(dot);
                out.writeBytes(bytes.unsafeArray());
            });
        }

        private void lwwRegister(LwwRegister value) {
            out.writeVarint(value.entries().entries().size());
            value.entries().entries().forEach((dot, stamped) -> {
                assert stamped.timestamp().actor().equals(dot.actor()) : "timestamp of another node than its dot";
                dot(dot);
                out.writeVarint(stamped.timestamp().wallMillis());
                out.writeVarint(stamped.timestamp().logical());
                out.writeBytes(stamped.value().unsafeArray());
            });
        }

        private void flag(EwFlag value) {
            out.writeVarint(value.dotSet().size());
            value.dotSet().forEach(this::dot);
        }

        private void map(OrMap value, int depth) {
            assert depth <= NESTING_DEPTH_MAX : "OrMap.update let maps nest past the limit";
            out.writeVarint(value.entries().size());
            value.entries().forEach((field, nested) -> {
                out.writeString(field.name());
                out.writeByte(field.type().tag());
                store(nested, depth + 1);
            });
        }
    }

    /** Reads contexts and stores, checking order, ranges and that every actor is used. */
    private static final class StoreReader {
        private final CodecReader in;
        private final List<String> actors;
        private final boolean[] used;

        StoreReader(CodecReader in, List<String> actors) {
            this.in = in;
            this.actors = actors;
            this.used = new boolean[actors.size()];
        }

        CausalContext context() {
            int entries = in.readCount("version vector entry");
            TreeMap<String, Long> vector = new TreeMap<>();
            int previous = -1;
            for (int i = 0; i < entries; i++) {
                int actor = actor();
                if (actor <= previous) throw in.fail("version vector actors not sorted and distinct");
                previous = actor;
                vector.put(actors.get(actor), dotCounter());
            }
            VersionVector compact = VersionVector.of(vector);
            List<Dot> cloud = sortedDots("cloud dot");
            for (Dot dot : cloud) {
                if (compact.get(dot.actor()) + 1 >= dot.counter()) {
                    throw in.fail("cloud dot " + dot + " is covered by or extends the vector " + compact + " (not canonical)");
                }
            }
            return CausalContext.of(compact, cloud);
        }

        Crdt<?> store(CrdtType type, int depth) {
            return switch (type) {
                case PN_COUNTER -> pnCounter();
                case OR_SET -> set();
                case MV_REGISTER -> MvRegister.of(DotFun.of(dotFun(() -> Bytes.wrap(in.readBytes("register value")))), CausalContext.EMPTY);
                case LWW_REGISTER -> lwwRegister();
                case EW_FLAG -> EwFlag.of(DotSet.of(sortedDots("flag dot")), CausalContext.EMPTY);
                case OR_MAP -> map(depth);
            };
        }

        void requireEveryActorUsed() {
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) throw in.fail("actor \"" + actors.get(i) + "\" is in the table but never used");
            }
        }

        private PnCounter pnCounter() {
            return PnCounter.of(DotFun.of(dotFun(() -> new PnCounter.Totals(
                    in.readNonNegativeLong("counter increments"), in.readNonNegativeLong("counter decrements")))), CausalContext.EMPTY);
        }

        private OrSet set() {
            int count = in.readCount("set element");
            TreeMap<Bytes, DotSet> elements = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                Bytes element = Bytes.wrap(in.readBytes("set element"));
                if (!elements.isEmpty() && elements.lastKey().compareTo(element) >= 0) throw in.fail("set elements not sorted and distinct");
                List<Dot> dots = sortedDots("element dot");
                if (dots.isEmpty()) throw in.fail("set element " + element + " has no dot");
                elements.put(element, DotSet.of(dots));
            }
            return OrSet.of(elements, CausalContext.EMPTY);
        }

        private LwwRegister lwwRegister() {
            int count = in.readCount("register entry");
            TreeMap<Dot, LwwRegister.Stamped> entries = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                Dot dot = dotAfter(entries.isEmpty() ? null : entries.lastKey(), "register entry");
                long wallMillis = in.readNonNegativeLong("timestamp wallMillis");
                int logical = in.readNonNegativeInt("timestamp logical");
                HybridTimestamp timestamp = new HybridTimestamp(wallMillis, logical, dot.actor());
                entries.put(dot, new LwwRegister.Stamped(timestamp, Bytes.wrap(in.readBytes("register value"))));
            }
            return LwwRegister.of(DotFun.of(entries), CausalContext.EMPTY);
        }

        private OrMap map(int depth) {
            if (depth > NESTING_DEPTH_MAX) throw in.fail("maps nested deeper than NESTING_DEPTH_MAX " + NESTING_DEPTH_MAX);
            int count = in.readCount("map field");
            TreeMap<Field, Crdt<?>> fields = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readString("field name");
                CrdtType type = readType(in);
                Field field = new Field(name, type);
                if (!fields.isEmpty() && fields.lastKey().compareTo(field) >= 0) throw in.fail("map fields not sorted and distinct at " + field);
                Crdt<?> nested = store(type, depth + 1);
                if (nested.isEmpty()) throw in.fail("map field " + field + " holds an empty value (it must be left out)");
                fields.put(field, nested);
            }
            return OrMap.of(fields, CausalContext.EMPTY);
        }

        private <V> TreeMap<Dot, V> dotFun(Supplier<V> value) {
            int count = in.readCount("entry");
            TreeMap<Dot, V> entries = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                Dot dot = dotAfter(entries.isEmpty() ? null : entries.lastKey(), "entry");
                entries.put(dot, value.get());
            }
            return entries;
        }

        private List<Dot> sortedDots(String what) {
            int count = in.readCount(what);
            List<Dot> dots = new ArrayList<>(count);
            for (int i = 0; i < count; i++) dots.add(dotAfter(i == 0 ? null : dots.get(i - 1), what));
            return dots;
        }

        private Dot dotAfter(Dot previous, String what) {
            Dot dot = new Dot(actors.get(actor()), dotCounter());
            if (previous != null && previous.compareTo(dot) >= 0) throw in.fail(what + "s not sorted and distinct at " + dot);
            return dot;
        }

        private int actor() {
            int index = in.readNonNegativeInt("actor index");
            if (index >= actors.size()) throw in.fail("actor index " + index + " past the table of " + actors.size());
            used[index] = true;
            return index;
        }

        private long dotCounter() {
            long counter = in.readNonNegativeLong("dot counter");
            if (counter < 1) throw in.fail("dot counter must be >= 1, was 0");
            return counter;
        }
    }
}
