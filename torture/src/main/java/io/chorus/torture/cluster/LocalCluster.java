package io.chorus.torture.cluster;

import io.chorus.node.NodeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cluster of node processes on 127.0.0.1, named n1..nN on consecutive ports, in a fresh directory
 * of a run. Sized small (a storage file of a few MB, quick anti-entropy) so that it starts fast and
 * converges within seconds of a heal.
 */
public final class LocalCluster implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    private static final int REPLICATION_FACTOR = 3;
    private static final long START_TIMEOUT_MILLIS = 90_000;

    private final List<NodeProcess> nodes;
    private final NodeConfig placement;

    private LocalCluster(List<NodeProcess> nodes, NodeConfig placement) {
        this.nodes = List.copyOf(nodes);
        this.placement = placement;
    }

    /**
     * Writes the configs of {@code count} nodes from {@code basePort} under {@code runDir}; each node
     * runs as its own user when {@code separateUsers} (root only).
     *
     * @param testProperties extra {@code -D} flags for every node (a planted bug)
     * @param fakeClocks     the indexes of the nodes that run under libfaketime: only those whose
     *                       clock the schedule moves, so the others run exactly as in production
     */
    public static LocalCluster create(Path runDir, int count, int basePort, boolean separateUsers, NodeJvm jvm, List<String> testProperties,
                                      java.util.Set<Integer> fakeClocks) {
        String members = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "n" + (i + 1) + "@" + HOST + ":" + (basePort + i)).collect(Collectors.joining(","));
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String name = "n" + (i + 1);
                Path dir = runDir.resolve(name);
                Files.createDirectories(dir.resolve("data"));
                Files.createDirectories(dir.resolve("tmp"));
                Files.writeString(dir.resolve("node.properties"), config(name, basePort + i, dir, members), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("faketime"), "+0s\n", StandardCharsets.US_ASCII);
                NodeUser user = separateUsers ? NodeUser.ensure("chorus-t" + (i + 1)) : NodeUser.SELF;
                user.own(dir);
                nodes.add(new NodeProcess(name, basePort + i, dir, user, jvm, testProperties, fakeClocks.contains(i)));
            }
            Shell.run("chmod", "a+rx", runDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the cluster in " + runDir, e);
        }
        return new LocalCluster(nodes, NodeConfig.load(nodes.get(0).dir().resolve("node.properties"), Map.of()));
    }

    private static String config(String name, int port, Path dir, String members) {
        return "# written by the torture harness\n"
                + "node.name = " + name + "\n"
                + "node.listen = " + HOST + ":" + port + "\n"
                + "node.dataDir = " + dir.resolve("data") + "\n"
                + "cluster.members = " + members + "\n"
                + "replication.factor = " + REPLICATION_FACTOR + "\n"
                + "antiEntropy.interval.millis = 1000\n" // converge within seconds of a heal
                + "request.timeout.millis = 3000\n"
                + "storage.entriesMax = 10000\n" // a small file: quick to create, plenty for the workload's keys
                + "storage.averageValueBytes = 256\n";
    }

    /** Starts every node and waits until all listen. */
    public void start() {
        for (NodeProcess node : nodes) node.start();
        for (NodeProcess node : nodes) node.awaitReady(START_TIMEOUT_MILLIS);
    }

    public List<NodeProcess> nodes() {
        return nodes;
    }

    public NodeProcess node(int index) {
        return nodes.get(index);
    }

    /** The config every node shares the placement of (members, partitions, N). */
    public NodeConfig placement() {
        return placement;
    }

    public List<InetSocketAddress> addresses() {
        return nodes.stream().map(node -> new InetSocketAddress(HOST, node.port())).toList();
    }

    /** Brings back every node that is down (killed) and resumes every paused one. */
    public void restartDead() {
        List<NodeProcess> started = new ArrayList<>();
        for (NodeProcess node : nodes) {
            node.resume();
            if (!node.isAlive()) {
                node.start();
                started.add(node);
            }
        }
        for (NodeProcess node : started) node.awaitReady(START_TIMEOUT_MILLIS);
    }

    /** Stops every node cleanly (SIGTERM), so their storage files are closed with the clean marker. */
    public void stop() {
        for (NodeProcess node : nodes) node.stop();
    }

    /** Kills whatever still runs: the last resort of a failed run or a shutdown hook. */
    @Override
    public void close() {
        for (NodeProcess node : nodes) node.kill();
    }
}
