package io.chorus.bench.workload;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeySpaceTest {

    @Test
    void theLimitOnlyCoversAContiguousPrefixOfCompletedInserts() {
        KeySpace keys = new KeySpace(10, 100);
        long a = keys.claim();
        long b = keys.claim();
        long c = keys.claim();
        assertEquals(10, a);
        keys.complete(c);
        keys.complete(b);
        assertEquals(10, keys.limit(), "key 10 is still in flight, so 11 and 12 must not be readable yet");
        keys.complete(a);
        assertEquals(13, keys.limit());
    }

    @Test
    void claimsStopAtKeysMax() {
        KeySpace keys = new KeySpace(10, 12);
        assertEquals(10, keys.claim());
        assertEquals(11, keys.claim());
        assertEquals(-1, keys.claim());
        assertEquals(12, keys.claimed());
    }
}
