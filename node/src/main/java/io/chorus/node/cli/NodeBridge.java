package io.chorus.node.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a node through {@code NodeConfig.load(file, overrides)} and {@code ChorusNode.start(config)}.
 * The only class that names them, so the CLI builds while the node helper's branch has not landed.
 * Interim: looked up by reflection; becomes direct calls once ChorusNode is in main.
 */
final class NodeBridge {
    private static final String NODE_CONFIG = "io.chorus.node.NodeConfig";
    private static final String CHORUS_NODE = "io.chorus.node.ChorusNode";

    private NodeBridge() {
    }

    /** Loads the config and starts the node; a bad config throws with the loader's message. */
    static RunningNode start(Path configFile, Map<String, String> overrides) {
        Object config;
        Object node;
        Method address;
        Method close;
        try {
            Class<?> configClass = Class.forName(NODE_CONFIG);
            Method load = configClass.getMethod("load", Path.class, Map.class);
            Method start = Class.forName(CHORUS_NODE).getMethod("start", configClass);
            config = invoke(load, null, configFile, overrides);
            node = invoke(start, null, config);
            address = node.getClass().getMethod("address");
            close = node.getClass().getMethod("close");
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new CliException("the node is not in this build (" + e.getMessage() + " is missing)", e);
        }
        Object running = node;
        return new RunningNode() {
            @Override
            public String address() {
                return String.valueOf(invoke(address, running));
            }

            @Override
            public void close() {
                invoke(close, running);
            }
        };
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CliException(Main.describe(cause), cause);
        } catch (IllegalAccessException e) {
            throw new CliException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }
}
