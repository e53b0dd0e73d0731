package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Adds elements to an add-wins set (an add concurrent with a remove of the same element wins). */
public record SetAdd(byte[][] elements) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.OR_SET;
    }
}
