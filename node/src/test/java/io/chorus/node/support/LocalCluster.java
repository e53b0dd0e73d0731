package io.chorus.node.support;

import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real nodes in this JVM on 127.0.0.1, each with its own port and data directory, sharing one
 * static membership; nodes can be stopped (cleanly) and restarted on the same port and data.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<NodeConfig> configs;
    private final ChorusNode[] nodes;

    private LocalCluster(List<NodeConfig> configs) {
        this.configs = configs;
        this.nodes = new ChorusNode[configs.size()];
    }

    /** Starts {@code size} nodes n1..n{size}; {@code extra} config applies to all ({@code {node}} in a value becomes the node's name). */
    public static LocalCluster start(int size, Path baseDir, Map<String, String> extra) {
        List<Integer> ports = FreePorts.pick(size);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size; i++) members.add("n" + (i + 1) + "@127.0.0.1:" + ports.get(i));
        List<NodeConfig> configs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, String> settings = new HashMap<>();
            settings.put("node.name", "n" + (i + 1));
            settings.put("node.listen", "127.0.0.1:" + ports.get(i));
            settings.put("node.dataDir", baseDir.resolve("n" + (i + 1)).toString());
            settings.put("cluster.members", String.join(",", members));
            settings.put("storage.entriesMax", "10000");
            String name = "n" + (i + 1);
            extra.forEach((key, value) -> settings.put(key, value.replace("{node}", name))); // {node}: a per-node file, e.g. a certificate
            configs.add(NodeConfig.load(null, settings));
        }
        LocalCluster cluster = new LocalCluster(configs);
        try {
            for (int i = 0; i < size; i++) cluster.startNode(i);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public ChorusNode node(int index) {
        return nodes[index];
    }

    public NodeConfig config(int index) {
        return configs.get(index);
    }

    public int size() {
        return nodes.length;
    }

    public void startNode(int index) {
        if (nodes[index] != null) throw new IllegalStateException("n" + (index + 1) + " is running");
        nodes[index] = ChorusNode.start(configs.get(index));
    }

    public void stopNode(int index) {
        nodes[index].close();
        nodes[index] = null;
    }

    public InetSocketAddress address(int index) {
        return configs.get(index).listen().socketAddress();
    }

    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) addresses.add(address(i));
        return addresses;
    }

    /** Index of the node named {@code name}. */
    public int indexOf(String name) {
        for (int i = 0; i < configs.size(); i++) {
            if (configs.get(i).name().name().equals(name)) return i;
        }
        throw new IllegalArgumentException("no node " + name);
    }

    @Override
    public void close() {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                nodes[i].close();
                nodes[i] = null;
            }
        }
    }
}
