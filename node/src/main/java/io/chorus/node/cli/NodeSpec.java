package io.chorus.node.cli;

/** One node of a local cluster: its name and where it listens (peers and clients alike). */
record NodeSpec(String name, String host, int port) {
    NodeSpec {
        assert !name.isEmpty() && !host.isEmpty() : "a node has a name and a host";
        assert port > 0 && port <= 65535 : "port " + port + " out of range";
    }

    /** A local cluster's nodes serve /metrics, /health and /ready this far above their data port. */
    static final int METRICS_PORT_OFFSET = 1000;

    String address() {
        return host + ":" + port;
    }

    int metricsPort() {
        return port + METRICS_PORT_OFFSET;
    }

    /** The {@code cluster.members} entry: {@code name@host:port}. */
    String member() {
        return name + "@" + address();
    }
}
