package io.chorus.node.cli;

import io.chorus.node.ChorusNode;
import io.chorus.node.ConfigEnvironment;
import io.chorus.node.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/** Starts a node through {@link NodeConfig#load} and {@link ChorusNode#start}: the CLI's one use of the node shell. */
final class NodeBridge {
    private NodeBridge() {
    }

    /** Loads the config and starts the node; a bad config throws the loader's exception, which names the key. */
    static RunningNode start(Path configFile, Map<String, String> overrides) {
        ChorusNode node = ChorusNode.start(NodeConfig.load(configFile, System.getenv(), overrides),
                ConfigEnvironment.describeSources(configFile, System.getenv(), overrides));
        return new RunningNode() {
            @Override
            public String address() {
                InetSocketAddress address = node.address();
                return address.getHostString() + ":" + address.getPort();
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }
}
