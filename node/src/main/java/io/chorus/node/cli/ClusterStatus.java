package io.chorus.node.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code cluster status [--dir DIR]}: a table of node, address, pid and state. */
final class ClusterStatus {
    private ClusterStatus() {
    }

    static int run(ClusterDir dir, PrintStream out) {
        ClusterShape shape = ClusterCommand.existingShape(dir);
        out.print(table(NodeStatus.ofAll(dir, shape)));
        return Main.EXIT_OK;
    }

    static String table(List<NodeStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NODE", "ADDRESS", "PID", "STATE"});
        for (NodeStatus status : statuses) {
            rows.add(new String[] {status.node().name(), status.node().address(), status.pidText(), status.state().displayName()});
        }
        return Table.render(rows);
    }
}
