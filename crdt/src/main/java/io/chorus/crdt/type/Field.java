package io.chorus.crdt.type;

import java.util.Comparator;
import java.util.Objects;

/**
 * A map field: a name and the type of the value under it. As in riak_dt's map, the type is part
 * of the field's identity, so two nodes that concurrently create "x" as a counter and as a set
 * make two fields, and the merge never has to choose between incompatible values.
 */
public record Field(String name, CrdtType type) implements Comparable<Field> {
    private static final Comparator<Field> ORDER = Comparator.comparing(Field::name).thenComparing(Field::type);

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!isWellFormedUtf16(name)) throw new IllegalArgumentException("field name has an unpaired surrogate");
    }

    @Override
    public int compareTo(Field other) {
        return ORDER.compare(this, other);
    }

    /** True when {@code text} encodes to UTF-8 and back unchanged (no unpaired surrogate). */
    static boolean isWellFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + ":" + type.displayName();
    }
}
