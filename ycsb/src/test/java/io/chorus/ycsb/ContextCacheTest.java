package io.chorus.ycsb;

import io.chorus.client.Context;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextCacheTest {
    static Context context(int i) {
        return Context.of(new byte[]{(byte) i});
    }

    @Test
    void aKeyKeepsOneSlotAndTheLastContextRememberedWins() {
        ContextCache cache = new ContextCache();
        assertNull(cache.get("k"));
        ContextCache.Slot slot = cache.slot("k");
        assertNull(slot.get(), "a new slot is empty");
        assertSame(slot, cache.slot("k"));
        cache.remember("k", context(1));
        assertEquals(context(1), slot.get());
        slot.set(context(2));
        assertEquals(context(2), cache.get("k"));
        assertNull(cache.get("other"));
    }

    @Test
    void pastItsBoundItStartsOverAndKeepsTheNewKey() {
        ContextCache cache = new ContextCache(3);
        for (int i = 0; i < 3; i++) cache.remember("k" + i, context(i));
        assertEquals(3, cache.size());
        cache.remember("k1", context(9));
        assertEquals(3, cache.size(), "a known key does not count twice");
        cache.remember("k3", context(3));
        assertTrue(cache.size() <= 3, "bounded: " + cache.size());
        assertEquals(context(3), cache.get("k3"));
        assertNull(cache.get("k0"), "forgotten: an overwrite of it reads its context once");
    }
}
