package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OrSet}: the CRDT laws, and add-wins observed-remove semantics under concurrency. */
class OrSetTest extends CrdtLawsTest<OrSet> {
    private static final Bytes APPLE = Bytes.utf8("apple");
    private static final Bytes PEAR = Bytes.utf8("pear");

    @Override
    Model<OrSet> model() {
        return new SetModel();
    }

    /**
     * An element is present after the merge exactly when one of its adds was never observed by a
     * later add, remove or clear of it: removes win only over the adds they saw.
     */
    @Test
    void anElementStaysExactlyWhenAnAddOfItWasNotObservedByAnotherOperationOnIt() {
        forAllRuns((run, random) -> {
            SortedSet<Bytes> expected = new TreeSet<>();
            for (Run.Applied<OrSet> applied : run.applied) {
                if (!(applied.op() instanceof SetModel.Add add)) continue;
                Dot dot = Run.mintedBy(applied);
                if (!run.observed(dot, op -> touches(op, add.element()))) expected.add(add.element());
            }
            assertEquals(expected, run.joinOfReplicas().elements());
        });
    }

    private static boolean touches(Op<OrSet> op, Bytes element) {
        return op instanceof SetModel.Clear
                || op instanceof SetModel.Add a && a.element().equals(element)
                || op instanceof SetModel.Remove r && r.element().equals(element);
    }

    @Test
    void addWinsOverAConcurrentRemove() {
        OrSet base = OrSet.empty().add("n1", APPLE).state();
        OrSet removed = base.remove(APPLE).state();
        OrSet addedAgain = base.add("n2", APPLE).state();
        assertTrue(removed.merge(addedAgain).contains(APPLE));
        assertTrue(addedAgain.merge(removed).contains(APPLE));
    }

    @Test
    void aRemoveThatSawTheAddRemovesItEverywhere() {
        Update<OrSet> add = OrSet.empty().add("n1", APPLE);
        Update<OrSet> remove = add.state().remove(APPLE);
        OrSet elsewhere = OrSet.empty().add("n2", PEAR).state();
        // The remove's delta may even arrive before the add's.
        OrSet merged = elsewhere.merge(remove.delta()).merge(add.delta());
        assertEquals(Set.of(PEAR), merged.elements());
        assertTrue(merged.context().cloud().isEmpty());
    }

    @Test
    void removingAnAbsentElementIsANoopWithNothingToShip() {
        Update<OrSet> update = OrSet.empty().add("n1", APPLE).state().remove(PEAR);
        assertTrue(update.isNoop());
        assertFalse(update.state().contains(PEAR));
    }

    @Test
    void clearRemovesOnlyWhatItSaw() {
        OrSet base = OrSet.empty().add("n1", APPLE).state();
        OrSet cleared = base.clear().state();
        OrSet concurrent = base.add("n2", PEAR).state();
        assertEquals(Set.of(PEAR), cleared.merge(concurrent).elements());
    }
}
