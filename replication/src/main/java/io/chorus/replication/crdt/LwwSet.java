package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/**
 * Sets a last-writer-wins register. The minting replica stamps it with its hybrid logical clock,
 * after the register's current timestamp, so a later write in causal order always wins.
 */
public record LwwSet(byte[] value) implements CrdtOp {
    @Override
    public CrdtType target() {
        return CrdtType.LWW_REGISTER;
    }
}
