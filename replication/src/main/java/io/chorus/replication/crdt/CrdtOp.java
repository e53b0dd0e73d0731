package io.chorus.replication.crdt;

import io.chorus.crdt.type.CrdtType;

/**
 * An operation on a CRDT value, as a client asks for it. The replica that mints it turns it into a
 * delta (with its own actor, its node name with its epoch); clients never mint dots, which keeps
 * metadata bounded by the number of nodes (times their unclean restarts).
 */
public sealed interface CrdtOp permits CounterAdd, SetAdd, SetRemove, SetClear, RegisterSet, LwwSet, FlagSet, MapUpdate, MapRemove {
    /** The type of value this operation applies to; a key holding another type refuses it. */
    CrdtType target();
}
