package io.chorus.client;

import io.chorus.crdt.type.EwFlag;
import io.chorus.crdt.type.Field;
import io.chorus.crdt.type.LwwRegister;
import io.chorus.crdt.type.MvRegister;
import io.chorus.crdt.type.OrMap;
import io.chorus.crdt.type.OrSet;
import io.chorus.crdt.type.PnCounter;

import java.util.Objects;
import java.util.SortedSet;

/**
 * A map as read, read-only: nested counters, sets, registers, flags and maps, each under a
 * {@link Field} (a name and a type: "visits" as a counter and "visits" as a set are two fields).
 * A field that is absent reads as its type's empty value (0, empty, not set, disabled, empty map),
 * since absent and empty are the same thing in a map (a set emptied by removes leaves it).
 * Immutable.
 */
public final class MapView implements CrdtView {
    private final OrMap map;

    MapView(OrMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    /** The present fields, by name then type. */
    public SortedSet<Field> fields() {
        return map.fields();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public CounterView counter(String name) {
        return new CounterView(map.get(name, PnCounter.class).value());
    }

    public SetView set(String name) {
        return new SetView(map.get(name, OrSet.class));
    }

    public RegisterView register(String name) {
        return new RegisterView(map.get(name, MvRegister.class));
    }

    public LwwRegisterView lwwRegister(String name) {
        return new LwwRegisterView(map.get(name, LwwRegister.class));
    }

    public FlagView flag(String name) {
        return new FlagView(map.get(name, EwFlag.class).enabled());
    }

    public MapView map(String name) {
        return new MapView(map.get(name, OrMap.class));
    }

    /** The value of {@code field} as one of the views above, for code that walks {@link #fields()}. */
    public CrdtView view(Field field) {
        return switch (field.type()) {
            case PN_COUNTER -> counter(field.name());
            case OR_SET -> set(field.name());
            case MV_REGISTER -> register(field.name());
            case LWW_REGISTER -> lwwRegister(field.name());
            case EW_FLAG -> flag(field.name());
            case OR_MAP -> map(field.name());
        };
    }
}
