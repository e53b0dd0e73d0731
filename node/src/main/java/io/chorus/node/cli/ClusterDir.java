package io.chorus.node.cli;

import java.nio.file.Path;

/**
 * The files of a local cluster, all under one directory:
 * {@code cluster.addresses} (one {@code host:port} per line: the data commands read it, and it fixes
 * the cluster's shape) and, per node, {@code <name>/chorus.conf}, {@code <name>/data/},
 * {@code <name>/node.log}, {@code <name>/node.pid}; {@code cluster.secret}, {@code context.secret}, and with TLS or
 * authentication {@code tls/} and {@code users} (see {@code ClusterSecurity}).
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

    /** The secret every node's peers prove they hold (node config key peer.secretFile). */
    Path secretFile() {
        return root.resolve("cluster.secret");
    }

    /** The secret that seals the causal contexts the nodes give clients (node config key cluster.contextSecret). */
    Path contextSecretFile() {
        return root.resolve("context.secret");
    }

    /** The local cluster's throwaway CA certificate (with {@code cluster start --tls}); clients trust it. */
    Path caFile() {
        return root.resolve("tls").resolve("ca.pem");
    }

    Path certFile(String name) {
        return root.resolve("tls").resolve(name + ".pem");
    }

    Path keyFile(String name) {
        return root.resolve("tls").resolve(name + "-key.pem");
    }

    /** The users file (with {@code cluster start --auth}); {@code chorus user} edits it. */
    Path usersFile() {
        return root.resolve("users");
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
