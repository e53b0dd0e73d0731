package io.chorus.bench.check;

import io.chorus.bench.store.StoreRead;
import io.chorus.bench.workload.Values;
import io.chorus.replication.message.CausalContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.bench.check.Vectors.vv;
import static io.chorus.bench.check.Vectors.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshnessTest {
    final Values values = new Values(77, 32);

    StoreRead read(String context, long... writeIds) {
        List<byte[]> returned = new java.util.ArrayList<>();
        for (long id : writeIds) returned.add(values.make(0, id));
        return new StoreRead(returned, CausalContext.encode(vv(context)));
    }

    @Test
    void returningTheWritesValueIsFreshWhateverTheContext() {
        Frontier f = Frontier.EMPTY.withAck(write(5, "", "n1:3"), 64);
        assertNull(Freshness.firstMissed(f, read("", 5), values));
    }

    @Test
    void aContextThatDescendsTheAckIsFresh() {
        Frontier f = Frontier.EMPTY.withAck(write(5, "", "n1:3"), 64);
        assertNull(Freshness.firstMissed(f, read("n1:4 n2:1", 6), values), "a newer value whose context covers the write");
    }

    @Test
    void anOlderValueWithAnOlderContextIsStale() {
        WriteRecord w = write(5, "n1:2", "n1:3");
        Frontier f = Frontier.EMPTY.withAck(w, 64);
        assertSame(w, Freshness.firstMissed(f, read("n1:2", 4), values));
        assertSame(w, Freshness.firstMissed(f, read(""), values), "not found after an acknowledged write is stale too");
    }

    @Test
    void withConcurrentWritesTheReadMustShowEveryOne() {
        WriteRecord left = write(2, "n1:1", "n1:2");
        WriteRecord right = write(3, "n1:1", "n1:1 n2:1");
        Frontier f = Frontier.EMPTY.withAck(left, 64).withAck(right, 64);
        assertNull(Freshness.firstMissed(f, read("n1:2 n2:1", 2, 3), values), "both siblings returned");
        assertSame(right, Freshness.firstMissed(f, read("n1:2", 2), values), "a replica that only had the left write");
    }

    @Test
    void anAckWithoutAContextProvesNothingSoOnlyTheValueCounts() {
        Frontier f = Frontier.EMPTY.withAck(write(5, "", ""), 64);
        assertEquals(5, Freshness.firstMissed(f, read("n1:9", 6), values).writeId());
        assertNull(Freshness.firstMissed(f, read("", 5), values));
    }

    @Test
    void theCheckerCountsOnlyReadsThatHadSomethingToSee() {
        StaleReadChecker checker = new StaleReadChecker(values);
        Frontier f = Frontier.EMPTY.withAck(write(5, "", "n1:3"), 64);
        assertTrue(checker.check("k", Frontier.EMPTY, read(""), 0));
        assertTrue(checker.check("k", f, read("n1:3", 5), 0));
        assertFalse(checker.check("k", f, read("n1:2", 4), 0));
        assertEquals(2, checker.checkedCount());
        assertEquals(1, checker.staleCount());
        assertEquals(1, checker.examples().size());
        assertTrue(checker.examples().get(0).contains("write 5"), checker.examples().get(0));
    }

    @Test
    void stalenessIntervalsAreHonestAtTheEdges() {
        StalenessPoint none = new StalenessPoint(1, 200, 0, 0);
        assertEquals(0, none.missProbability());
        assertEquals(0, none.interval95()[0]);
        assertTrue(none.interval95()[1] > 0.01 && none.interval95()[1] < 0.03, "0 of 200 still allows ~2%: " + none.interval95()[1]);
        StalenessPoint half = new StalenessPoint(1, 100, 50, 0);
        assertTrue(half.interval95()[0] < 0.5 && half.interval95()[1] > 0.5);
    }
}
