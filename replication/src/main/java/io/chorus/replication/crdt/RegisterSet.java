package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Sets a multi-value register: replaces what was seen; concurrent sets are all kept. */
public record RegisterSet(byte[] value) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.MV_REGISTER;
    }
}
