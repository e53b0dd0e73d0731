package io.chorus.bench.check;

import org.junit.jupiter.api.Test;

import static io.chorus.bench.check.Vectors.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontierTest {

    @Test
    void aWriteWithTheContextOfTheLastAckReplacesIt() {
        WriteRecord first = write(1, "", "n1:1");
        WriteRecord second = write(2, "n1:1", "n1:2");
        Frontier f = Frontier.EMPTY.withAck(first, 64).withAck(second, 64);
        assertEquals(1, f.size());
        assertEquals(2, f.get(0).writeId());
    }

    @Test
    void concurrentWritesAreAllKept() {
        WriteRecord base = write(1, "", "n1:1");
        WriteRecord left = write(2, "n1:1", "n1:2");
        WriteRecord right = write(3, "n1:1", "n1:1 n2:1"); // did not see write 2: a sibling of it
        Frontier f = Frontier.EMPTY.withAck(base, 64).withAck(left, 64).withAck(right, 64);
        assertEquals(2, f.size());
        assertEquals(2, f.get(0).writeId());
        assertEquals(3, f.get(1).writeId());
    }

    @Test
    void aWriteWhoseAckCoversAnotherWithoutItsContextDoesNotReplaceIt() {
        // both minted on n1: the second ack covers the first's dot, but the second was sent without
        // having seen the first, so the first is a live sibling and must stay in the frontier
        WriteRecord first = write(1, "", "n1:1");
        WriteRecord blind = write(2, "", "n1:2");
        Frontier f = Frontier.EMPTY.withAck(first, 64).withAck(blind, 64);
        assertEquals(2, f.size());
    }

    @Test
    void aLateAckOfASupersededWriteIsLeftOut() {
        WriteRecord older = write(1, "", "n1:1");
        WriteRecord newer = write(2, "n1:1", "n1:2");
        Frontier f = Frontier.EMPTY.withAck(newer, 64);
        assertSame(f, f.withAck(older, 64));
    }

    @Test
    void pastTheBoundTheOldestIsForgottenAndTheFrontierSaysSo() {
        Frontier f = Frontier.EMPTY;
        for (int i = 1; i <= 4; i++) f = f.withAck(write(i, "", "n" + i + ":1"), 3);
        assertEquals(3, f.size());
        assertTrue(f.trimmed());
        assertEquals(2, f.get(0).writeId());
        assertFalse(Frontier.EMPTY.withAck(write(9, "", "n1:1"), 3).trimmed());
    }

    @Test
    void theWriteLogCountsAcksAndListsWrittenKeys() {
        WriteLog log = new WriteLog(100_000);
        log.acknowledged(3, write(1, "", "n1:1"));
        log.acknowledged(70_000, write(2, "", "n1:1"));
        log.acknowledged(3, write(3, "n1:1", "n1:2"));
        assertEquals(3, log.acknowledgedCount());
        StringBuilder keys = new StringBuilder();
        log.forEachWrittenKey(100_000, i -> keys.append(i).append(' '));
        assertEquals("3 70000 ", keys.toString());
        assertEquals(3, log.frontier(3).get(0).writeId());
        assertTrue(log.frontier(4).isEmpty());
    }
}
