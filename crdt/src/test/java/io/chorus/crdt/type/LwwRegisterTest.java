package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LwwRegister}: the CRDT laws, and the greatest hybrid timestamp ever written winning. */
class LwwRegisterTest extends CrdtLawsTest<LwwRegister> {
    private static final Bytes OLD = Bytes.utf8("old");
    private static final Bytes NEW = Bytes.utf8("new");

    @Override
    Model<LwwRegister> model() {
        return new LwwRegisterModel();
    }

    @Test
    void theMergedValueIsTheWriteWithTheGreatestTimestampEverIssued() {
        forAllRuns((run, random) -> {
            Optional<LwwRegister> last = run.applied.stream().map(a -> a.update().delta())
                    .max(Comparator.comparing(delta -> delta.timestamp().orElseThrow()));
            LwwRegister merged = run.joinOfReplicas();
            assertEquals(last.flatMap(LwwRegister::timestamp), merged.timestamp());
            assertEquals(last.flatMap(LwwRegister::value), merged.value());
        });
    }

    @Test
    void concurrentWritesAreOrderedByWallThenLogicalThenNode() {
        LwwRegister atN1 = LwwRegister.empty().set(OLD, new HybridTimestamp(100, 0, "n1")).state();
        LwwRegister atN2 = LwwRegister.empty().set(NEW, new HybridTimestamp(100, 0, "n2")).state();
        assertEquals(Optional.of(NEW), atN1.merge(atN2).value());   // same wall and logical: node name decides
        LwwRegister logicalLater = LwwRegister.empty().set(OLD, new HybridTimestamp(100, 1, "n1")).state();
        assertEquals(Optional.of(OLD), logicalLater.merge(atN2).value());
        LwwRegister wallLater = LwwRegister.empty().set(OLD, new HybridTimestamp(101, 0, "n1")).state();
        assertEquals(Optional.of(OLD), wallLater.merge(atN2).merge(logicalLater).value());
    }

    @Test
    void aCausallyLaterWriteWinsEvenFromANodeWhoseClockIsBehind() {
        HybridClock fast = new HybridClock("n1", 60_000);
        HybridClock slow = new HybridClock("n2", 60_000);
        LwwRegister first = LwwRegister.empty().set(OLD, fast.now(10_000)).state();
        HybridTimestamp stamp = slow.observe(first.timestamp().orElseThrow(), 5_000);   // 5 s behind
        LwwRegister second = first.set(NEW, stamp).state();
        assertEquals(Optional.of(NEW), first.merge(second).value());
        assertEquals(1, first.merge(second).dots().size());
    }

    @Test
    void aWriteStampedBeforeTheLatestIsStampedJustAfterIt() {
        LwwRegister register = LwwRegister.empty().set(OLD, new HybridTimestamp(100, 5, "n9")).state();
        LwwRegister written = register.set(NEW, new HybridTimestamp(90, 0, "n1")).state();
        assertEquals(Optional.of(new HybridTimestamp(100, 6, "n1")), written.timestamp());
        assertEquals(Optional.of(NEW), written.merge(register).value());
        LwwRegister full = LwwRegister.empty().set(OLD, new HybridTimestamp(100, Integer.MAX_VALUE, "n9")).state();
        assertEquals(Optional.of(new HybridTimestamp(101, 0, "n1")),
                full.set(NEW, new HybridTimestamp(100, 0, "n1")).state().timestamp());
    }

    /** A node whose clock refuses a far-future timestamp can still write, after it. */
    @Test
    void aRegisterWrittenByAClockFarAheadStaysWritable() {
        LwwRegister ahead = LwwRegister.empty().set(OLD, new HybridTimestamp(1_000_000, 0, "n9")).state();
        HybridClock clock = new HybridClock("n1", 1_000);
        assertThrows(IllegalArgumentException.class, () -> clock.observe(ahead.timestamp().orElseThrow(), 10));
        LwwRegister written = ahead.set(NEW, clock.now(10)).state();
        assertEquals(Optional.of(NEW), written.merge(ahead).value());
        assertTrue(written.timestamp().orElseThrow().isAfter(ahead.timestamp().orElseThrow()));
    }
}
