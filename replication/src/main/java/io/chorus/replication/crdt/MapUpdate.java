package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Applies {@code operation} to the map's field {@code field} (of the operation's type), creating it if absent. */
public record MapUpdate(String field, CrdtOp operation) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.OR_MAP;
    }
}
