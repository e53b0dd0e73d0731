package io.chorus.node.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster status [--dir DIR]}: a table of node, address, pid and state, and for running
 * nodes what their metrics endpoint says (ready, keys stored, requests answered).
 */
final class ClusterStatus {
    private ClusterStatus() {
    }

    static int run(ClusterDir dir, PrintStream out) {
        ClusterShape shape = ClusterCommand.existingShape(dir);
        List<NodeStatus> statuses = NodeStatus.ofAll(dir, shape);
        java.net.http.HttpClient http = NodeHealth.client();
        List<NodeHealth> health = new ArrayList<>();
        for (NodeStatus status : statuses) {
            health.add(status.state() == NodeState.RUNNING
                    ? NodeHealth.probe(http, status.node().host(), status.node().metricsPort()) : NodeHealth.UNKNOWN);
        }
        out.print(table(statuses, health));
        return Main.EXIT_OK;
    }

    static String table(List<NodeStatus> statuses, List<NodeHealth> health) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NODE", "ADDRESS", "PID", "STATE", "METRICS", "HEALTH", "KEYS", "REQUESTS"});
        for (int i = 0; i < statuses.size(); i++) {
            NodeStatus status = statuses.get(i);
            NodeHealth h = health.get(i);
            rows.add(new String[] {status.node().name(), status.node().address(), status.pidText(), status.state().displayName(),
                    ":" + status.node().metricsPort(), h.readiness(), h.keys(), h.requests()});
        }
        return Table.render(rows);
    }
}
