package io.chorus.simulation.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chorus.simulation.check.Scenario.N2;
import static io.chorus.simulation.check.Scenario.N3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvergenceCheckerTest {
    private final Checker checker = new ConvergenceChecker();

    @Test
    void acceptsIdenticalReplicas() {
        Scenario s = new Scenario().allHold("n1:1,n2:1", "n1:1=v1", "n2:1=v2");
        assertEquals(List.of(), s.check(checker));
    }

    @Test
    void rejectsReplicasWithDifferentSiblings() {
        Scenario s = new Scenario().allHold("n1:1,n2:1", "n1:1=v1", "n2:1=v2");
        s.holds(N2, "n1:1,n2:1", "n1:1=v1");
        List<Violation> violations = s.check(checker);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).explanation().contains("n2 [n1:1=v1]"), violations.toString());
    }

    @Test
    void rejectsReplicasWithTheSameSiblingsButDifferentContexts() {
        Scenario s = new Scenario().allHold("n1:1", "n1:1=v1");
        s.holds(N3, "n1:1,n2:4", "n1:1=v1");
        assertEquals(1, s.check(checker).size());
    }

    @Test
    void rejectsAReplicaThatHoldsNothing() {
        Scenario s = new Scenario().holds(Scenario.N1, "n1:1", "n1:1=v1");
        assertEquals(1, s.check(checker).size());
    }
}
