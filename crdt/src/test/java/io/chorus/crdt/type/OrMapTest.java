package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrMap}: the CRDT laws over maps nested three deep with fields of every type, and the
 * semantics of removal (observed-remove, resetting the nested value) under concurrency.
 */
class OrMapTest extends CrdtLawsTest<OrMap> {
    private static final Bytes A = Bytes.utf8("a");
    private static final Bytes B = Bytes.utf8("b");
    private static final Bytes C = Bytes.utf8("c");

    @Override
    Model<OrMap> model() {
        return new MapModel(3);
    }

    @Test
    void removingASetFieldKeepsOnlyTheElementsAddedConcurrently() {
        OrMap base = OrMap.empty()
                .update("tags", OrSet.class, s -> s.add("n1", A)).state()
                .update("tags", OrSet.class, s -> s.add("n1", B)).state();
        OrMap removed = base.remove("tags", OrSet.class).state();
        OrMap concurrent = base.update("tags", OrSet.class, s -> s.add("n2", C)).state();
        assertEquals(Set.of(C), removed.merge(concurrent).get("tags", OrSet.class).elements());
        assertEquals(Set.of(C), concurrent.merge(removed).get("tags", OrSet.class).elements());
    }

    @Test
    void removingACounterResetsItExceptTheEntriesOfNodesThatUpdatedConcurrently() {
        OrMap base = OrMap.empty()
                .update("likes", PnCounter.class, c -> c.increment("n1", 10)).state()
                .update("likes", PnCounter.class, c -> c.increment("n2", 5)).state();
        OrMap removed = base.remove("likes", PnCounter.class).state();
        OrMap concurrent = base.update("likes", PnCounter.class, c -> c.increment("n2", 1)).state();
        assertEquals(6, removed.merge(concurrent).get("likes", PnCounter.class).value());
        OrMap afterRemoval = removed.update("likes", PnCounter.class, c -> c.increment("n1", 1)).state();
        assertEquals(1, afterRemoval.get("likes", PnCounter.class).value());
    }

    @Test
    void removingANestedMapKeepsOnlyTheConcurrentUpdatesInside() {
        HybridClock clock = new HybridClock("n2", 60_000);
        OrMap base = OrMap.empty()
                .update("profile", OrMap.class, p -> p.update("visits", PnCounter.class, c -> c.increment("n1", 3))).state()
                .update("profile", OrMap.class, p -> p.update("admin", EwFlag.class, f -> f.enable("n1"))).state();
        OrMap removed = base.remove("profile", OrMap.class).state();
        OrMap concurrent = base.update("profile", OrMap.class, p -> p.update("name", LwwRegister.class,
                r -> r.set(Bytes.utf8("ada"), clock.now(1_000)))).state();
        OrMap profile = removed.merge(concurrent).get("profile", OrMap.class);
        assertEquals(Set.of(new Field("name", CrdtType.LWW_REGISTER)), profile.fields());
        assertEquals(Optional.of(Bytes.utf8("ada")), profile.get("name", LwwRegister.class).value());
        assertFalse(profile.get("admin", EwFlag.class).enabled());
        assertEquals(0, profile.get("visits", PnCounter.class).value());
    }

    @Test
    void theTypeIsPartOfAFieldSoConcurrentCreationsOfDifferentTypesBothStay() {
        OrMap counter = OrMap.empty().update("x", PnCounter.class, c -> c.increment("n1", 1)).state();
        OrMap set = OrMap.empty().update("x", OrSet.class, s -> s.add("n2", A)).state();
        OrMap merged = counter.merge(set);
        assertEquals(2, merged.size());
        assertEquals(1, merged.get("x", PnCounter.class).value());
        assertEquals(Set.of(A), merged.get("x", OrSet.class).elements());
    }

    @Test
    void aFieldWhoseValueBecomesEmptyLeavesTheMap() {
        OrMap map = OrMap.empty().update("tags", OrSet.class, s -> s.add("n1", A)).state();
        assertTrue(map.contains("tags", OrSet.class));
        OrMap emptied = map.update("tags", OrSet.class, s -> s.remove(A)).state();
        assertFalse(emptied.contains("tags", OrSet.class));
        assertTrue(emptied.isEmpty());
        assertTrue(emptied.get("tags", OrSet.class).isEmpty());
        assertFalse(emptied.get("on", EwFlag.class).enabled());
    }

    @Test
    void aNestedUpdateShipsOnlyItsField() {
        OrMap map = OrMap.empty();
        for (String name : new String[] {"a", "b", "c"}) {
            map = map.update(name, OrSet.class, s -> s.add("n1", A)).state();
        }
        Update<OrMap> update = map.update("b", OrSet.class, s -> s.add("n2", B));
        assertEquals(Set.of(new Field("b", CrdtType.OR_SET)), update.delta().fields());
        assertEquals(1, update.delta().dots().size());
        assertEquals(update.state(), map.merge(update.delta()));
    }

    @Test
    void removingAnAbsentFieldIsANoop() {
        OrMap map = OrMap.empty().update("a", EwFlag.class, f -> f.enable("n1")).state();
        assertTrue(map.remove("b", EwFlag.class).isNoop());
        assertTrue(map.remove("a", OrSet.class).isNoop());
    }

    @Test
    void updatesReachDeeplyNestedValues() {
        OrMap map = OrMap.empty().update("l1", OrMap.class, l1 -> l1.update("l2", OrMap.class,
                l2 -> l2.update("count", PnCounter.class, c -> c.increment("n1", 7)))).state();
        assertEquals(7, map.get("l1", OrMap.class).get("l2", OrMap.class).get("count", PnCounter.class).value());
        assertEquals(map, CrdtCodec.decode(CrdtCodec.encode(map)));
    }
}
