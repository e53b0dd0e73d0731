package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/** Adds {@code amount} (negative: subtracts) to a counter. */
public record CounterAdd(long amount) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.PN_COUNTER;
    }
}
