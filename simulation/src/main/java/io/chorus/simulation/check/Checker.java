package io.chorus.simulation.check;

import io.chorus.simulation.history.History;

import java.util.List;

/** Judges one promise over a finished run. Pure: reads its inputs, changes nothing. */
public interface Checker {
    /** Explanations listed per checker, at most; the count of the rest is still reported. */
    int EXPLANATIONS_MAX = 5;

    String name();

    /** Every violation found, empty if the run kept the promise. */
    List<Violation> check(History history, FinalState state);
}
