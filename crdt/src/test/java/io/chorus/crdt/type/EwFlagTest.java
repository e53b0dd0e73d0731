package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EwFlag}: the CRDT laws, and enable-wins semantics under concurrency. */
class EwFlagTest extends CrdtLawsTest<EwFlag> {
    @Override
    Model<EwFlag> model() {
        return new FlagModel();
    }

    @Test
    void theMergedFlagIsOnExactlyWhenAnEnableWasNotObservedByALaterOperation() {
        forAllRuns((run, random) -> {
            boolean expected = false;
            for (Run.Applied<EwFlag> applied : run.applied) {
                if (!(applied.op() instanceof FlagModel.Enable)) continue;
                Dot dot = Run.mintedBy(applied);
                expected |= !run.observed(dot, op -> true);
            }
            assertEquals(expected, run.joinOfReplicas().enabled());
        });
    }

    @Test
    void enableWinsOverAConcurrentDisable() {
        EwFlag base = EwFlag.empty().enable("n1").state();
        EwFlag disabled = base.disable().state();
        EwFlag enabledAgain = base.enable("n2").state();
        assertTrue(disabled.merge(enabledAgain).enabled());
        assertFalse(disabled.merge(base).enabled());
    }
}
