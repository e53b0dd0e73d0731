package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A replica that missed some of an actor's deltas must not count that actor's older entry twice. */
class PnCounterLostDeltaTest {
    @Test
    void aLaterDeltaSupersedesTheActorsOlderEntryEvenWhenDeltasBetweenWereLost() {
        Update<PnCounter> first = PnCounter.empty().increment("n4", 10);
        Update<PnCounter> second = first.state().increment("n4", 5);   // this delta is lost
        Update<PnCounter> third = second.state().increment("n4", 1);
        PnCounter follower = PnCounter.empty().merge(first.delta()).merge(third.delta());
        assertEquals(16, third.state().value());
        assertEquals(16, follower.value(), "the follower holds n4's cumulative total once, not 10 beside 16");
        assertEquals(third.state().value(), follower.merge(second.delta()).value(), "the late delta changes nothing");
    }

    @Test
    void nestedInAMapTheSameHolds() {
        Update<OrMap> first = OrMap.empty().update("hits", PnCounter.class, c -> c.increment("n4", 10));
        Update<OrMap> second = first.state().update("hits", PnCounter.class, c -> c.increment("n4", 5));
        Update<OrMap> third = second.state().update("hits", PnCounter.class, c -> c.increment("n4", 1));
        OrMap follower = OrMap.empty().merge(first.delta()).merge(third.delta());
        assertEquals(16, follower.get("hits", PnCounter.class).value());
    }
}
