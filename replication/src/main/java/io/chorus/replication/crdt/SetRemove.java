package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Removes the elements this replica has seen added (observed-remove). */
public record SetRemove(byte[][] elements) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.OR_SET;
    }
}
