package io.chorus.client;

import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.LwwSet;
import io.chorus.replication.crdt.MapRemove;
import io.chorus.replication.crdt.MapUpdate;
import io.chorus.replication.crdt.RegisterSet;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetRemove;

/**
 * An upper bound of the bytes a CRDT operation takes in a frame, so that the client can refuse,
 * without sending, one too large for {@code frameBytesMax} (as it does for a put's value).
 */
final class OperationSizes {
    /** A length or count prefix, or a small number, at its largest (a 32-bit varint). */
    private static final int PREFIX_BYTES_MAX = 5;
    /** A type tag, an amount, a flag: everything of an operation but its byte strings and names. */
    private static final int FIXED_BYTES_MAX = 16;

    private OperationSizes() {
    }

    static long bytesMax(CrdtOp operation) {
        if (operation instanceof SetAdd add) return elements(add.elements());
        if (operation instanceof SetRemove remove) return elements(remove.elements());
        if (operation instanceof RegisterSet set) return FIXED_BYTES_MAX + PREFIX_BYTES_MAX + set.value().length;
        if (operation instanceof LwwSet set) return FIXED_BYTES_MAX + PREFIX_BYTES_MAX + set.value().length;
        if (operation instanceof MapUpdate update) return name(update.field()) + bytesMax(update.operation());
        if (operation instanceof MapRemove remove) return name(remove.field()) + FIXED_BYTES_MAX;
        return FIXED_BYTES_MAX; // CounterAdd, SetClear, FlagSet
    }

    private static long elements(byte[][] elements) {
        long bytes = FIXED_BYTES_MAX + PREFIX_BYTES_MAX;
        for (byte[] element : elements) bytes += PREFIX_BYTES_MAX + element.length;
        return bytes;
    }

    /** UTF-8 takes at most 3 bytes per UTF-16 char (a surrogate pair: 4 bytes for 2 chars). */
    private static long name(String field) {
        return FIXED_BYTES_MAX + PREFIX_BYTES_MAX + 3L * field.length();
    }
}
