package io.chorus.simulation.run;

import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.config.InjectedBug;
import io.chorus.simulation.check.Violation;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;
import io.chorus.simulation.workload.CrdtMix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proof that the CRDT checkers bite: with CRDT clients on (forced on in seeds that drew none), a
 * coordinator that acknowledges before a quorum stored the update must be reported by the counter
 * checker and by the set checker, and clients that retry under a NEW operation id (so that a
 * timed-out attempt that did apply is applied again) by the counter checker, and a coordinator that
 * ignores session tokens by the crdt-session checker, each within a bounded
 * number of seeds. (A set shows no double application: adding an element twice, or removing it
 * twice right away, leaves the same set.) Only the findings each breakage explains count: a read
 * below what was acknowledged, or a stale set read, for the early ack; a final counter that no
 * subset of the indeterminate increments explains, for the new ids. Neither is what the open
 * PnCounter delta bug shows (a transient over-count in reads), so that bug cannot pass for either.
 * And a seed counts only if the production code gives the CRDT checkers nothing to say on the same
 * parameters.
 */
class CrdtInjectedBugTest {
    private static final int SEEDS_MAX = Integer.getInteger("chorus.simulation.crdtBugSeeds", 60);
    private static final int SAFETY_SECONDS = 20;
    private static final Set<String> CRDT_CHECKERS = Set.of("counter", "set", "crdt-session");

    enum Breakage {
        /** InjectedBug.ACK_BEFORE_QUORUM: an update is acknowledged after W-1 replicas stored it. */
        ACK_BEFORE_QUORUM(v -> v.explanation().contains(", less than the ") || v.explanation().startsWith("stale read")),
        /** The workload's test-only switch: every retry gets a fresh operation id. */
        RETRY_WITH_NEW_OPERATION_ID(v -> v.checker().equals("counter") && v.explanation().startsWith("after heal")),
        /** InjectedBug.IGNORE_SESSION_TOKEN: a read at ONE carrying a token asks one replica and waits for no other. */
        IGNORE_SESSION_TOKEN(v -> v.explanation().contains("broken"));

        final Predicate<Violation> explained;

        Breakage(Predicate<Violation> explained) {
            this.explained = explained;
        }
    }

    @ParameterizedTest(name = "{0} caught by the {1} checker")
    @CsvSource({"ACK_BEFORE_QUORUM, counter", "ACK_BEFORE_QUORUM, set", "RETRY_WITH_NEW_OPERATION_ID, counter", "IGNORE_SESSION_TOKEN, crdt-session"})
    void theCrdtCheckersCatchABrokenRetryOrAck(Breakage breakage, String checker) {
        List<Long> productionFailed = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS_MAX; seed++) {
            RunParameters parameters = withCrdtClients(RunParameters.draw(seed, RunOptions.standard(SAFETY_SECONDS)));
            RunResult broken = switch (breakage) {
                case ACK_BEFORE_QUORUM -> SeedRunner.run(parameters, factoryWith(InjectedBug.ACK_BEFORE_QUORUM), Trace.OFF);
                case IGNORE_SESSION_TOKEN -> SeedRunner.run(parameters, factoryWith(InjectedBug.IGNORE_SESSION_TOKEN), Trace.OFF);
                case RETRY_WITH_NEW_OPERATION_ID ->
                        SeedRunner.run(parameters.withCrdt(parameters.crdt().withNewIdPerAttempt()), ReplicaFactory.PRODUCTION, Trace.OFF);
            };
            List<Violation> found = crdtViolations(broken).stream().filter(v -> v.checker().equals(checker)).filter(breakage.explained).toList();
            if (found.isEmpty()) continue;
            if (!crdtViolations(SeedRunner.run(parameters, ReplicaFactory.PRODUCTION, Trace.OFF)).isEmpty()) {
                productionFailed.add(seed);
                continue;
            }
            System.out.println("[simulation] " + breakage + " caught by the " + checker + " checker at seed " + seed + ":\n  " + found.get(0)
                    + (found.size() > 1 ? "\n  ... " + (found.size() - 1) + " more" : ""));
            return;
        }
        fail(breakage + " went unnoticed by the " + checker + " checker for " + SEEDS_MAX + " seeds of " + SAFETY_SECONDS + " virtual seconds"
                + (productionFailed.isEmpty() ? "" : " (seeds " + productionFailed + " fail without it too, and were not counted)"));
    }

    /** The seed's parameters, with CRDT clients drawn from a stream of the seed's own if it drew none. */
    private static RunParameters withCrdtClients(RunParameters parameters) {
        if (parameters.crdt().on()) return parameters;
        return parameters.withCrdt(CrdtMix.drawOn(new SplitMixRandom(parameters.seed()), parameters.workload().clientTimeoutMicros()));
    }

    private static ReplicaFactory factoryWith(InjectedBug bug) {
        return ReplicaFactory.withBugs(EnumSet.of(bug));
    }

    private static List<Violation> crdtViolations(RunResult result) {
        return result.violations().stream().filter(v -> CRDT_CHECKERS.contains(v.checker())).toList();
    }
}
