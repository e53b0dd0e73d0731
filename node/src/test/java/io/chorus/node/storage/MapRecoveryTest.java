package io.chorus.node.storage;

import net.openhft.chronicle.hash.ChronicleHashCorruption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapRecoveryTest {
    private static ChronicleHashCorruption corruption(String message) {
        return new ChronicleHashCorruption() {
            @Override
            public String message() {
                return message;
            }

            @Override
            public Throwable exception() {
                return null;
            }

            @Override
            public int segmentIndex() {
                return 3;
            }
        };
    }

    @Test
    void bookkeepingFixesAreToldApartFromDamagedEntries() {
        MapRecovery recovery = new MapRecovery();
        recovery.onCorruption(corruption("wrong lowest free chunk for tier with index 4, stored: 12, should be: 10"));
        recovery.onCorruption(corruption("Wrong number of entries counter for tier with index 4, stored: 7, should be: 6"));
        recovery.onCorruption(corruption("lock of segment 0 is not clear: [read locks = 0, update locked = true, write locked = false, waits = 0]"));
        assertEquals(3, recovery.bookkeepingFixes());
        assertEquals(0, recovery.entriesDropped());
        RecoveryReport clean = new RecoveryReport("n1", false, false, recovery, 6, new WalReplay(0, 0, 0, 0, 0, 0, List.of()));
        assertFalse(clean.lostSomething(), "stale free-space hints and counters lose nothing");
        assertTrue(clean.describe().contains("0 entries dropped (3 free-space, counter and lock fixes, no data involved)"), clean.describe());

        recovery.onCorruption(corruption("Checksum doesn't match, stored: 1, should be from the entry bytes: 2, key: k, value: v"));
        recovery.onCorruption(corruption(null));
        assertEquals(2, recovery.damagedEntries());
        assertEquals(2, recovery.entriesDropped());
        RecoveryReport lost = new RecoveryReport("n1", false, false, recovery, 6, new WalReplay(0, 0, 0, 0, 0, 0, List.of()));
        assertTrue(lost.lostSomething());
        assertTrue(lost.describe().contains("2 entries dropped (2 found damaged by Chronicle; 3 free-space"), lost.describe());
        assertTrue(lost.describe().endsWith("anti-entropy will bring back what was dropped, and anything else this node missed, from the other replicas"));
    }
}
