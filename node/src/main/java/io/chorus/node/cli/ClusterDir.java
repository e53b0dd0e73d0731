package io.chorus.node.cli;

import java.nio.file.Path;

/**
 * The files of a local cluster, all under one directory:
 * {@code cluster.addresses} (one {@code host:port} per line: the data commands read it, and it fixes
 * the cluster's shape) and, per node, {@code <name>/chorus.conf}, {@code <name>/data/},
 * {@code <name>/node.log}, {@code <name>/node.pid}.
 */
record ClusterDir(Path root) {
    /** Relative to the current directory; the data commands look for the addresses file there too. */
    static final Path DEFAULT = Path.of(".chorus", "cluster");

    ClusterDir {
        assert root.isAbsolute() : "a cluster directory is absolute, so node command lines do not depend on the current directory";
    }

    /** The directory given with {@code --dir}, or the default, made absolute. */
    static ClusterDir of(String dirOrNull) {
        Path path = dirOrNull == null ? DEFAULT : Path.of(dirOrNull);
        return new ClusterDir(path.toAbsolutePath().normalize());
    }

    Path addressesFile() {
        return root.resolve("cluster.addresses");
    }

    /** Held while a command changes the cluster, so two concurrent starts cannot both launch a node. */
    Path lockFile() {
        return root.resolve(".lock");
    }

    Path nodeDir(String name) {
        return root.resolve(name);
    }

    Path configFile(String name) {
        return nodeDir(name).resolve("chorus.conf");
    }

    Path dataDir(String name) {
        return nodeDir(name).resolve("data");
    }

    Path logFile(String name) {
        return nodeDir(name).resolve("node.log");
    }

    Path pidFile(String name) {
        return nodeDir(name).resolve("node.pid");
    }
}
