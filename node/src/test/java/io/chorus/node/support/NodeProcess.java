package io.chorus.node.support;

import io.chorus.node.ChorusNode;
import io.chorus.node.NodeConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * A node in its own JVM for tests that send it SIGTERM or SIGKILL: starts from a config file,
 * closes on SIGTERM through a shutdown hook (as the real launcher does), prints "ready" once up.
 */
public final class NodeProcess {
    public static void main(String[] args) throws InterruptedException {
        ChorusNode node = ChorusNode.start(NodeConfig.load(Path.of(args[0]), Map.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
        System.out.println("ready");
        System.out.flush();
        node.awaitClosed();
    }
}
