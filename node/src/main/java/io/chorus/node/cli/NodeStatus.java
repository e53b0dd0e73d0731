package io.chorus.node.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** One node's row of {@code cluster status}. {@code process} is present exactly when it is running. */
record NodeStatus(NodeSpec node, NodeState state, Optional<ProcessHandle> process) {
    NodeStatus {
        assert process.isPresent() == (state == NodeState.RUNNING) : node.name() + " " + state + " " + process;
    }

    static NodeStatus of(ClusterDir dir, NodeSpec node) {
        Optional<ProcessHandle> live = NodeProcesses.live(dir, node.name());
        if (live.isPresent()) {
            return new NodeStatus(node, NodeState.RUNNING, live);
        }
        boolean everStarted = Files.exists(dir.pidFile(node.name()));
        return new NodeStatus(node, everStarted ? NodeState.DOWN : NodeState.NOT_STARTED, Optional.empty());
    }

    static List<NodeStatus> ofAll(ClusterDir dir, ClusterShape shape) {
        return shape.nodes().stream().map(node -> of(dir, node)).toList();
    }

    String pidText() {
        return process.map(p -> Long.toString(p.pid())).orElse("-");
    }
}
