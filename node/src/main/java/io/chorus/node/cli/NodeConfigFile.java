package io.chorus.node.cli;

import java.nio.file.Path;

/**
 * The {@code chorus.conf} of one node of a local cluster, in the Java-properties syntax that
 * {@code NodeConfig.load} reads. Only the keys that differ per cluster are written; every other key
 * keeps its documented default and can be added by hand (later starts keep an existing file).
 */
final class NodeConfigFile {
    private NodeConfigFile() {
    }

    static String render(ClusterShape shape, NodeSpec node, Path dataDir) {
        assert shape.nodes().contains(node) : node + " is not in the cluster";
        return "# Node " + node.name() + " of a local Chorus cluster, written by `chorus cluster start`.\n"
                + "# Edit freely: later starts keep this file. Unlisted keys take their defaults.\n"
                + "node.name = " + escape(node.name()) + "\n"
                + "node.listen = " + escape(node.address()) + "\n"
                + "node.dataDir = " + escape(dataDir.toString()) + "\n"
                + "cluster.members = " + escape(shape.membersValue()) + "\n"
                + "replication.factor = " + shape.replicationFactor() + "\n"
                + "metrics.port = " + node.metricsPort() + "\n";
    }

    /** Properties-file escaping of a value: backslashes, line breaks and a leading blank. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case ' ' -> escaped.append(i == 0 ? "\\ " : " ");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
