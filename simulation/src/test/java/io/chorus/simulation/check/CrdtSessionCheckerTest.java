package io.chorus.simulation.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrdtSessionCheckerTest {
    private final Checker checker = new CrdtSessionChecker();

    @Test
    void aCounterReadBelowTheSessionsOwnIncrementsBreaksReadYourWrites() {
        CrdtScenario s = new CrdtScenario();
        int add = s.increment(5, QUORUM, 10);
        int low = s.counterRead(ONE, 30);
        int enough = s.counterRead(ONE, 50);
        s.acked(add, 20).readCounter(low, 40, 3).readCounter(enough, 60, 5).inSession(7, add, low, enough);
        List<Violation> found = s.check(checker);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).explanation().contains("read 3: below the 5") && found.get(0).explanation().contains("read-your-writes"), found.toString());
    }

    @Test
    void aCounterReadBelowAnEarlierReadPlusLaterIncrementsBreaksMonotonicReads() {
        CrdtScenario s = new CrdtScenario();
        int first = s.counterRead(ONE, 10);
        int add = s.increment(2, QUORUM, 30);
        int second = s.counterRead(ONE, 50);
        s.readCounter(first, 20, 9).acked(add, 40).readCounter(second, 60, 10).inSession(7, first, add, second);
        assertTrue(s.check(checker).get(0).explanation().contains("read 10: below the 11"), s.check(checker).toString());
    }

    @Test
    void opsOutsideTheSessionAndUnacknowledgedIncrementsPromiseNothing() {
        CrdtScenario s = new CrdtScenario();
        int lost = s.increment(5, QUORUM, 10);
        int foreign = s.increment(4, QUORUM, 12);
        int read = s.counterRead(ONE, 30);
        s.timedOut(lost, 20).acked(foreign, 22).readCounter(read, 40, 0).inSession(7, lost, read);
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void anAddedElementMissingFromALaterReadBreaksReadYourWritesUnlessARemoveMayHaveTakenItOut() {
        CrdtScenario s = new CrdtScenario();
        int add = s.add("x", QUORUM, 100);
        int read = s.setRead(ONE, 200);
        s.acked(add, 150).readSet(read, 250).inSession(7, add, read);
        assertEquals(1, s.check(checker).size(), "missing x: " + s.check(checker));

        s.acked(s.remove("x", QUORUM, 10), 50); // finished before the add began: it cannot have observed the add
        assertEquals(1, s.check(checker).size(), "a remove over before the add excuses nothing: " + s.check(checker));

        s.timedOut(s.remove("x", QUORUM, 120), 300); // overlaps: it may have observed the add and taken it out
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void anElementSeenMissingFromALaterReadBreaksMonotonicReadsUnlessARemoveCameBefore() {
        CrdtScenario s = new CrdtScenario();
        int first = s.setRead(ONE, 10);
        int second = s.setRead(ONE, 30);
        s.readSet(first, 20, "y", "z").readSet(second, 40, "z").inSession(7, first, second);
        List<Violation> found = s.check(checker);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).explanation().contains("misses \"y\"") && found.get(0).explanation().contains("monotonic reads"), found.toString());

        s.acked(s.remove("y", QUORUM, 1), 5); // done before the first read, but the first read's replica may not have had it yet
        assertEquals(List.of(), s.check(checker));
    }
}
