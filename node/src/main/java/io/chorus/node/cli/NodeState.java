package io.chorus.node.cli;

/** What {@code cluster status} says of a node. */
enum NodeState {
    /** Its recorded pid is alive and runs this node. */
    RUNNING("running"),
    /** It was started once, and its recorded process is gone (or the pid now belongs to a stranger). */
    DOWN("down"),
    /** No pid was ever recorded. */
    NOT_STARTED("not started");

    private final String displayName;

    NodeState(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }
}
