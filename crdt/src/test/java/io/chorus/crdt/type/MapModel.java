package io.chorus.crdt.type;

import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Maps with fields of every type, maps nested up to {@code depthMax} levels. The reference of a
 * map is a sorted map from field to the nested reference, without fields that read as empty
 * (absent and empty are the same thing in an {@link OrMap}).
 */
final class MapModel implements Model<OrMap> {
    private static final List<String> NAMES = List.of("a", "b", "c");

    private final int depthMax;

    MapModel(int depthMax) {
        this.depthMax = depthMax;
    }

    record UpdateField<V extends Crdt<V>>(String name, Class<V> type, Model<V> model, Op<V> op) implements Op<OrMap> {
        public Update<OrMap> apply(OrMap state, Node node) {
            return state.update(name, type, value -> op.apply(value, node));
        }

        public Object applyTo(Object reference) {
            Field field = new Field(name, CrdtType.of(type));
            SortedMap<Field, Object> next = new TreeMap<>(cast(reference));
            Object nested = op.applyTo(next.getOrDefault(field, model.read(model.empty())));
            if (nested.equals(model.read(model.empty()))) next.remove(field);
            else next.put(field, nested);
            return next;
        }

        @Override
        public String toString() {
            return name + ":" + CrdtType.of(type).displayName() + "." + op;
        }
    }

    record RemoveField(Field field) implements Op<OrMap> {
        public Update<OrMap> apply(OrMap state, Node node) {
            return state.remove(field);
        }

        public Object applyTo(Object reference) {
            SortedMap<Field, Object> next = new TreeMap<>(cast(reference));
            next.remove(field);
            return next;
        }
    }

    public OrMap empty() {
        return OrMap.empty();
    }

    public Op<OrMap> randomOp(Random random) {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        CrdtType type = CrdtType.values()[random.nextInt(depthMax > 1 ? 6 : 5)];   // OR_MAP is last
        if (random.nextInt(5) == 0) return new RemoveField(new Field(name, type));
        return switch (type) {
            case PN_COUNTER -> updateField(name, PnCounter.class, new CounterModel(), random);
            case OR_SET -> updateField(name, OrSet.class, new SetModel(), random);
            case MV_REGISTER -> updateField(name, MvRegister.class, new MvRegisterModel(), random);
            case LWW_REGISTER -> updateField(name, LwwRegister.class, new LwwRegisterModel(), random);
            case EW_FLAG -> updateField(name, EwFlag.class, new FlagModel(), random);
            case OR_MAP -> updateField(name, OrMap.class, new MapModel(depthMax - 1), random);
        };
    }

    private static <V extends Crdt<V>> UpdateField<V> updateField(String name, Class<V> type, Model<V> model, Random random) {
        return new UpdateField<>(name, type, model, model.randomOp(random));
    }

    public Object read(OrMap value) {
        SortedMap<Field, Object> read = new TreeMap<>();
        for (Field field : value.fields()) {
            Object nested = readField(value, field);
            if (!nested.equals(emptyRead(field.type()))) read.put(field, nested);
        }
        return read;
    }

    private Object readField(OrMap map, Field field) {
        return switch (field.type()) {
            case PN_COUNTER -> new CounterModel().read((PnCounter) map.get(field));
            case OR_SET -> new SetModel().read((OrSet) map.get(field));
            case MV_REGISTER -> new MvRegisterModel().read((MvRegister) map.get(field));
            case LWW_REGISTER -> new LwwRegisterModel().read((LwwRegister) map.get(field));
            case EW_FLAG -> new FlagModel().read((EwFlag) map.get(field));
            case OR_MAP -> new MapModel(depthMax - 1).read((OrMap) map.get(field));
        };
    }

    private Object emptyRead(CrdtType type) {
        return readField(OrMap.empty(), new Field("", type));
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<Field, Object> cast(Object reference) {
        return (SortedMap<Field, Object>) reference;
    }
}
