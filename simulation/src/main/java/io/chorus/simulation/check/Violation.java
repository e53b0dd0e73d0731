package io.chorus.simulation.check;

/** One broken promise: which checker found it and an explanation a person can act on. */
public record Violation(String checker, String explanation) {
    @Override
    public String toString() {
        return "[" + checker + "] " + explanation;
    }
}
