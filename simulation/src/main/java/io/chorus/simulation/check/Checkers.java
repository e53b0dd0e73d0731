package io.chorus.simulation.check;

import io.chorus.simulation.history.History;

import java.util.ArrayList;
import java.util.List;

/** Every checker of a run, in a fixed order, plus the anomalies the simulator recorded itself. */
public final class Checkers {
    private Checkers() {
    }

    public static List<Checker> all() {
        return List.of(new AckedWriteDurabilityChecker(), new NoPhantomChecker(), new ConvergenceChecker(),
                new StrictQuorumFreshnessChecker(), new HealedLivenessChecker(), new CounterBoundsChecker(), new SetChecker(),
                new SessionChecker(), new CrdtSessionChecker(), new TtlExpiryChecker());
    }

    public static List<Violation> checkAll(History history, FinalState state) {
        List<Violation> violations = new ArrayList<>();
        for (String anomaly : history.anomalies()) violations.add(new Violation("simulator", anomaly));
        for (Checker checker : all()) violations.addAll(checker.check(history, state));
        return violations;
    }
}
