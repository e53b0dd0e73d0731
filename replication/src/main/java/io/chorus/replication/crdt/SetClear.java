package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Removes every element this replica has seen. */
public record SetClear() implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.OR_SET;
    }
}
