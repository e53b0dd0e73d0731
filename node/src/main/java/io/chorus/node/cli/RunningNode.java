package io.chorus.node.cli;

/** What the CLI needs of a started {@code io.chorus.node.ChorusNode}. */
interface RunningNode {
    /** The {@code host:port} the node listens on. */
    String address();

    /** Clean shutdown: stop taking requests, flush and close storage. */
    void close();
}
