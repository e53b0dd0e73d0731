package io.chorus.crdt.type;

/**
 * The kinds of CRDT value. {@link #tag()} is the first byte of the codec's format and must never
 * change for a constant; {@link #displayName()} is what error messages show, such as "a key
 * holding a counter cannot take a set operation".
 */
public enum CrdtType {
    PN_COUNTER(1, "counter", PnCounter.class),
    OR_SET(2, "set", OrSet.class),
    MV_REGISTER(3, "multi-value register", MvRegister.class),
    LWW_REGISTER(4, "last-writer-wins register", LwwRegister.class),
    EW_FLAG(5, "flag", EwFlag.class),
    OR_MAP(6, "map", OrMap.class);

    private final int tag;
    private final String displayName;
    private final Class<? extends Crdt<?>> javaType;

    CrdtType(int tag, String displayName, Class<? extends Crdt<?>> javaType) {
        this.tag = tag;
        this.displayName = displayName;
        this.javaType = javaType;
    }

    public int tag() {
        return tag;
    }

    public String displayName() {
        return displayName;
    }

    public Class<? extends Crdt<?>> javaType() {
        return javaType;
    }

    /** The bottom value of this type: what a key or map field holds before its first write. */
    public Crdt<?> empty() {
        return switch (this) {
            case PN_COUNTER -> PnCounter.empty();
            case OR_SET -> OrSet.empty();
            case MV_REGISTER -> MvRegister.empty();
            case LWW_REGISTER -> LwwRegister.empty();
            case EW_FLAG -> EwFlag.empty();
            case OR_MAP -> OrMap.empty();
        };
    }

    /** @throws IllegalArgumentException for an unknown tag, naming it */
    public static CrdtType fromTag(int tag) {
        for (CrdtType type : values()) {
            if (type.tag == tag) return type;
        }
        throw new IllegalArgumentException("unknown CRDT type tag " + tag);
    }

    public static CrdtType of(Class<?> javaType) {
        for (CrdtType type : values()) {
            if (type.javaType == javaType) return type;
        }
        throw new IllegalArgumentException("not a CRDT type: " + javaType.getName());
    }
}
