package io.chorus.node.storage;

import io.chorus.replication.message.Key;
import io.chorus.replication.replica.Siblings;
import org.junit.jupiter.api.Test;

import static io.chorus.node.storage.ChronicleStorageTest.siblings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentSiblingsTest {
    private static final int ENTRY = 1000 + 2 + RecentSiblings.ENTRY_OVERHEAD_BYTES; // stored bytes + key "kN" + overhead

    @Test
    void leastRecentlyUsedGoesFirstWhenTheBytesRunOut() {
        RecentSiblings cache = new RecentSiblings(3L * ENTRY * 16 / 16 + ENTRY / 2 + 16L * ENTRY); // 19 entries and a half
        Siblings value = siblings("v");
        for (int i = 0; i < 19; i++) cache.put(Key.of("k" + (char) ('a' + i)), value, 1000);
        assertEquals(19, cache.size());
        assertSame(value, cache.get(Key.of("ka")), "touch ka: now the most recent");
        cache.put(Key.of("kz"), value, 1000);
        assertEquals(19, cache.size(), "one out for one in");
        assertNull(cache.get(Key.of("kb")), "the least recently used went");
        assertSame(value, cache.get(Key.of("ka")));
        assertTrue(cache.bytes() <= 19L * ENTRY + ENTRY / 2);
    }

    @Test
    void replacingAKeyKeepsTheAccountingExact() {
        RecentSiblings cache = new RecentSiblings(1 << 20);
        cache.put(Key.of("ka"), siblings("1"), 1000);
        cache.put(Key.of("ka"), siblings("2"), 500);
        assertEquals(500 + 2 + RecentSiblings.ENTRY_OVERHEAD_BYTES, cache.bytes());
        assertEquals(siblings("2"), cache.get(Key.of("ka")));
    }

    @Test
    void anEntryOverASixteenthIsNotKeptAndDropsTheOldOne() {
        RecentSiblings cache = new RecentSiblings(16 * 1024);
        cache.put(Key.of("ka"), siblings("small"), 100);
        cache.put(Key.of("ka"), siblings("big"), 2000);
        assertNull(cache.get(Key.of("ka")), "a stale small state must not outlive the big put");
        assertEquals(0, cache.bytes());
    }

    @Test
    void zeroBytesCachesNothing() {
        RecentSiblings cache = new RecentSiblings(0);
        cache.put(Key.of("ka"), siblings("1"), 10);
        assertNull(cache.get(Key.of("ka")));
        assertEquals(1, cache.misses());
    }
}
