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
    void refusesAWriteNotStampedAfterTheLatest() {
        LwwRegister register = LwwRegister.empty().set(OLD, new HybridTimestamp(100, 5, "n1")).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> register.set(NEW, new HybridTimestamp(100, 5, "n1")));
        assertTrue(e.getMessage().contains("HybridClock.observe"), e.getMessage());
    }
}
