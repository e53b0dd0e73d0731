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
    READ_MODIFY_WRITE("rmw"),
    /** An increment of a counter by 1 (the counter workload). */
    INCREMENT("incr"),
    /**
     * A read of a counter's value (the counter workload, and its load phase). Labelled {@code read}
     * like {@link #READ}: no workload has both.
     */
    COUNTER_READ("read");

    private final String label;

    OpType(String label) {
        this.label = label;
    }

    /** The short name used in progress lines, the summary and the JSON. */
    public String label() {
        return label;
    }
}
