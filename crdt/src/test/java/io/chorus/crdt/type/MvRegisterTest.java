package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link MvRegister}: the CRDT laws, and every write that no later write saw staying visible. */
class MvRegisterTest extends CrdtLawsTest<MvRegister> {
    private static final Bytes RED = Bytes.utf8("red");
    private static final Bytes BLUE = Bytes.utf8("blue");

    @Override
    Model<MvRegister> model() {
        return new MvRegisterModel();
    }

    @Test
    void theMergedValuesAreTheWritesNoLaterWriteSaw() {
        forAllRuns((run, random) -> {
            SortedSet<Bytes> expected = new TreeSet<>();
            for (Run.Applied<MvRegister> applied : run.applied) {
                Dot dot = Run.mintedBy(applied);
                if (!run.observed(dot, op -> true)) expected.add(((MvRegisterModel.Set) applied.op()).value());
            }
            assertEquals(expected, run.joinOfReplicas().values());
        });
    }

    @Test
    void concurrentWritesAreAllKeptUntilAWriteThatSawThemAll() {
        MvRegister atN1 = MvRegister.empty().set("n1", RED).state();
        MvRegister atN2 = MvRegister.empty().set("n2", BLUE).state();
        MvRegister merged = atN1.merge(atN2);
        assertEquals(Set.of(RED, BLUE), merged.values());
        MvRegister resolved = merged.set("n3", RED).state();
        assertEquals(Set.of(RED), resolved.values());
        assertEquals(1, resolved.merge(atN1).merge(atN2).dots().size());
    }
}
