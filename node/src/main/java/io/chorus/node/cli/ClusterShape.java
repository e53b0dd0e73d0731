package io.chorus.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The nodes of a local cluster, named n1..nN, in order. Fixed by the first {@code cluster start} and
 * recorded in {@code cluster.addresses}; later starts read it back instead of taking it from flags.
 */
record ClusterShape(List<NodeSpec> nodes) {
    static final String HOST = "127.0.0.1";
    static final int NODES_DEFAULT = 3;
    static final int NODES_MAX = 32;
    static final int BASE_PORT_DEFAULT = 7401;
    /** Dynamo's usual N: three copies, or fewer when the cluster is smaller. */
    static final int REPLICATION_FACTOR_MAX = 3;

    ClusterShape {
        nodes = List.copyOf(nodes);
        assert !nodes.isEmpty() && nodes.size() <= NODES_MAX : nodes.size() + " nodes";
    }

    /** {@code count} nodes on consecutive ports of 127.0.0.1 from {@code basePort}. */
    static ClusterShape local(int count, int basePort) {
        if (count < 1 || count > NODES_MAX) {
            throw new UsageException("--nodes must be between 1 and " + NODES_MAX + ", got " + count);
        }
        if (basePort < 1 || basePort + count - 1 > 65535) {
            throw new UsageException("ports " + basePort + ".." + (basePort + count - 1) + " are not all valid ports");
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new NodeSpec(nameOf(i), HOST, basePort + i));
        }
        return new ClusterShape(nodes);
    }

    static String nameOf(int index) {
        return "n" + (index + 1);
    }

    int basePort() {
        return nodes.get(0).port();
    }

    int replicationFactor() {
        return Math.min(REPLICATION_FACTOR_MAX, nodes.size());
    }

    /** The {@code cluster.members} value every node's config carries. */
    String membersValue() {
        return nodes.stream().map(NodeSpec::member).collect(Collectors.joining(","));
    }

    /** The {@code cluster.addresses} file: one {@code host:port} per line, in node order. */
    String addressesText() {
        return nodes.stream().map(node -> node.address() + "\n").collect(Collectors.joining());
    }

    /** The shape recorded in {@code dir}, or empty if no cluster was ever started there. */
    static Optional<ClusterShape> read(ClusterDir dir) {
        Path file = dir.addressesFile();
        try {
            return Optional.of(parseAddresses(Files.readString(file, StandardCharsets.UTF_8), file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + Main.describe(e), e);
        }
    }

    /** Parses an addresses file; blank lines and {@code #} comments are skipped. */
    static ClusterShape parseAddresses(String text, Path source) {
        List<NodeSpec> nodes = new ArrayList<>();
        int lineNumber = 0;
        for (String rawLine : text.split("\n", -1)) {
            lineNumber++;
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.lastIndexOf(':');
            int port = colon < 1 ? -1 : parsePort(line.substring(colon + 1));
            if (port < 1) {
                throw new CliException(source + " line " + lineNumber + ": expected host:port, got '" + line + "'");
            }
            nodes.add(new NodeSpec(nameOf(nodes.size()), line.substring(0, colon), port));
        }
        if (nodes.isEmpty() || nodes.size() > NODES_MAX) {
            throw new CliException(source + " lists " + nodes.size() + " nodes; a cluster has 1 to " + NODES_MAX);
        }
        return new ClusterShape(nodes);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
