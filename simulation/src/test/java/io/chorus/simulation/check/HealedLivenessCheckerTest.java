package io.chorus.simulation.check;

import io.chorus.replication.message.ErrorKind;
import io.chorus.simulation.history.Completion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static io.chorus.replication.state.Consistency.TWO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealedLivenessCheckerTest {
    private final Checker checker = new HealedLivenessChecker();

    private static Scenario healedAt100(int replicationFactor) {
        Scenario s = new Scenario(replicationFactor);
        s.history.markHealed(100);
        s.history.markLivenessWindow(200, 1_000);
        s.history.markConvergenceDeadline(5_000);
        s.history.markConverged(2_000);
        return s;
    }

    @Test
    void acceptsFailuresBeforeTheWindowAndSuccessesInIt() {
        Scenario s = healedAt100(3);
        s.failed(s.get(QUORUM, 50), 60, ErrorKind.UNAVAILABLE);
        s.read(s.get(QUORUM, 300), 310, "", new String[0]);
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsAnUnavailableOpOnTheHealedCluster() {
        Scenario s = healedAt100(3);
        s.failed(s.get(QUORUM, 300), 310, ErrorKind.UNAVAILABLE);
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("did not succeed"), violations.toString());
    }

    @Test
    void rejectsATimedOutOrUnansweredOpOnTheHealedCluster() {
        Scenario s = healedAt100(3);
        int op = s.put("v1", "", ONE, 300);
        s.history.complete(Completion.indeterminate(op, 900, "no answer"));
        s.get(ONE, 400); // never answered
        assertEquals(2, s.check(checker).size());
    }

    @Test
    void excusesTooManySiblingsAndLevelsAboveN() {
        Scenario s = healedAt100(1);
        s.failed(s.put("v1", "", ONE, 300), 310, ErrorKind.TOO_MANY_SIBLINGS);
        s.failed(s.get(TWO, 400), 410, ErrorKind.UNAVAILABLE); // TWO with N=1 can never succeed
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsARunThatDidNotSettleAfterTheLivenessWindow() {
        Scenario s = healedAt100(3);
        s.history.markSettleDeadline(9_000);
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("did not agree again"), violations.toString());
        s.history.markSettled(8_000);
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsARunThatDidNotConvergeByTheDeadline() {
        Scenario s = new Scenario();
        s.history.markHealed(100);
        s.history.markConvergenceDeadline(5_000);
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("did not converge"), violations.toString());
    }
}
