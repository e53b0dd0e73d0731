package io.chorus.node.storage;

import io.chorus.replication.message.Key;
import io.chorus.replication.replica.Siblings;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded state of the keys used most recently, in front of the map file: a hit saves a
 * Chronicle lookup and a decode of the stored bytes, which together were a fifth of the handler's
 * time under a zipfian load (every write reads the key before it writes it, on every replica).
 * Least recently used first out, bounded by the stored bytes of its entries; an entry larger than
 * a sixteenth of the bound is not kept. Write-through: {@link ChronicleStorage} puts here only what
 * it has stored. Handler thread only (access order mutates the map on every get).
 */
final class RecentSiblings {
    /** Heap per entry beyond its stored bytes: the map node, the key, the decoded objects. */
    static final int ENTRY_OVERHEAD_BYTES = 200;

    private final long bytesMax;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    private record Entry(Siblings siblings, int bytes) { }

    RecentSiblings(long bytesMax) {
        if (bytesMax < 0) throw new IllegalArgumentException("cache bytes must be >= 0, was " + bytesMax);
        this.bytesMax = bytesMax;
    }

    /** The cached state of {@code key}, or null when it is not cached (which says nothing of storage). */
    Siblings get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            misses++;
            return null;
        }
        hits++;
        return entry.siblings;
    }

    /** Remembers what storage now holds for {@code key}, {@code storedBytes} long there. */
    void put(Key key, Siblings siblings, int storedBytes) {
        int size = storedBytes + key.length() + ENTRY_OVERHEAD_BYTES;
        if (size > bytesMax / 16) {
            Entry old = entries.remove(key);
            if (old != null) bytes -= old.bytes;
            return;
        }
        Entry old = entries.put(key, new Entry(siblings, size));
        bytes += size - (old == null ? 0 : old.bytes);
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > bytesMax && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes;
            eldest.remove();
        }
        assert bytes >= 0 && bytes <= bytesMax : "cache accounting broke: " + bytes + " of " + bytesMax;
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return entries.size();
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }
}
