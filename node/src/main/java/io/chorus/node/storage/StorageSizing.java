package io.chorus.node.storage;

/**
 * How big to make a node's Chronicle Map. Chronicle allocates the file up front from these numbers
 * (the defaults, 1,000,000 entries of about 1 KiB, make a file of about 1.3 GiB), and one entry,
 * a key with all its siblings, must fit in one segment tier: that bound is set here so that at
 * least {@link #LARGEST_VALUES_PER_ENTRY} values of the largest allowed size fit under one key
 * (which also makes the smallest map a few MiB, whatever {@code entriesMax} says).
 *
 * @param entriesMax        keys the map is sized for (Chronicle tolerates about twice as many of average size)
 * @param averageValueBytes expected average value size; the stored entry adds {@link #ENTRY_OVERHEAD_BYTES}
 * @param keyBytesMax       the largest key a client may send
 * @param valueBytesMax     the largest value a client may send
 */
public record StorageSizing(long entriesMax, int averageValueBytes, int keyBytesMax, int valueBytesMax) {
    /** Keys are usually short; Chronicle only uses this to size the file. */
    static final int AVERAGE_KEY_BYTES = 64;
    /** Version vector, dots and length prefixes of a stored key state (a few actors). */
    static final int ENTRY_OVERHEAD_BYTES = 64;
    /** A key must be able to hold this many largest-size values at once (siblings, tombstones aside). */
    static final int LARGEST_VALUES_PER_ENTRY = 4;
    /**
     * How far past its planned size the map may grow in extra segment tiers (Chronicle's
     * maxBloatFactor): 1.0 lets it hold about twice {@code entriesMax} entries of average size
     * before puts are refused with StorageFullException.
     */
    static final double MAX_BLOAT_FACTOR = 1.0;

    public StorageSizing {
        if (entriesMax < 1) throw new IllegalArgumentException("entriesMax must be positive, was " + entriesMax);
        if (averageValueBytes < 1) throw new IllegalArgumentException("averageValueBytes must be positive, was " + averageValueBytes);
    }

    double averageKeySize() {
        return Math.min(AVERAGE_KEY_BYTES, keyBytesMax);
    }

    double averageEntryValueSize() {
        return averageValueBytes + ENTRY_OVERHEAD_BYTES;
    }

    /**
     * Entries per segment, chosen so that a segment tier has room for the largest entry we promise
     * to store (Chronicle refuses an entry bigger than one tier: "Value too large").
     */
    long entriesPerSegment() {
        double largestEntryBytes = (double) LARGEST_VALUES_PER_ENTRY * (keyBytesMax + valueBytesMax + ENTRY_OVERHEAD_BYTES);
        return Math.max(1, (long) Math.ceil(largestEntryBytes / (averageKeySize() + averageEntryValueSize())));
    }

    /** Entries to size the map for: {@code entriesMax}, but never less than one segment's worth. */
    long entries() {
        return Math.max(entriesMax, entriesPerSegment());
    }
}
