package io.chorus.bench.workload;

/** The operation types the driver measures, each with its own latency histogram. */
public enum OpType {
    /** A get of one key. */
    READ("read"),
    /** A put of one key with the latest context the driver has seen for it (no read first). */
    UPDATE("update"),
    /** A put of a new key (workload D, and the load phase). */
    INSERT("insert"),
    /** A get, then a put of a new value with the context that get returned (workload F). */
    READ_MODIFY_WRITE("rmw");

    private final String label;

    OpType(String label) {
        this.label = label;
    }

    /** The short name used in progress lines, the summary and the JSON. */
    public String label() {
        return label;
    }

    /** True when this operation writes (and so is acknowledged with a context). */
    public boolean writes() {
        return this != READ;
    }
}
