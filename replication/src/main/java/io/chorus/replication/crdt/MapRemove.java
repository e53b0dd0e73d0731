package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Removes the map's field {@code field} of type {@code type} (observed-remove). */
public record MapRemove(String field, CrdtType type) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.OR_MAP;
    }
}
