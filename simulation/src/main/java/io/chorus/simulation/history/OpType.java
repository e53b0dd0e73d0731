package io.chorus.simulation.history;

/** The client operations the workload issues. */
public enum OpType {
    GET, PUT, DELETE;

    public boolean isWrite() {
        return this != GET;
    }
}
