package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Enables or disables an enable-wins flag. */
public record FlagSet(boolean enabled) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.EW_FLAG;
    }
}
