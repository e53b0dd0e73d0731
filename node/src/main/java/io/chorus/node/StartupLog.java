package io.chorus.node;

import io.chorus.node.metrics.MetricsServer;
import io.chorus.node.net.NodeServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node says in its log as it starts: the version line, the one line that sums up a started
 * node (where it listens and is advertised, its data and actor, members, N, partitions, metrics),
 * and the warnings about a config that starts but is probably wrong (a member address that is not
 * the listen address, no {@code cluster.contextSecret}). Logged under {@link ChorusNode}'s logger,
 * as they always were, so that an operator's filters and searches still find them.
 */
final class StartupLog {
    private static final Logger log = LoggerFactory.getLogger(ChorusNode.class);

    private StartupLog() {
    }

    /** The first line: which Chorus and Java, which node, and where its config came from. */
    static void starting(NodeConfig config, String configSource) {
        String version = ChorusNode.class.getPackage().getImplementationVersion(); // from the jar's manifest
        log.info("Chorus {} (Java {}) starting node {}, config from {}", version == null ? "(classes, no jar)" : version,
                Runtime.version(), config.name(), configSource);
    }

    /** The line of a node that listens, then the warnings its config deserves. */
    static void started(NodeConfig config, NodeServer server, long storedKeys, String actor, MetricsServer metricsServer) {
        log.info("node {} listening on {} ({}), advertised as {}, data in {} ({} keys), minting as actor {}, members {}, N={}, {} partitions, metrics {}",
                config.name(), server.boundAddress(), server.transportName(), config.advertise(), config.dataDir().toAbsolutePath(),
                storedKeys, actor,
                config.members().stream().map(m -> m.id() + "@" + m.address()).toList(),
                config.replicationFactor(), config.partitions(),
                metricsServer == null ? "off" : "on http://" + new HostPort(config.listen().host(), metricsServer.address().getPort()) + "/metrics");
        warnIfListenDiffersFromMemberAddress(config);
        if (config.contextSecret().isEmpty()) {
            log.warn("node {}: cluster.contextSecret is not set, so the causal contexts clients get are sealed with a"
                    + " well-known key: a client could forge one; set the same secret on every node", config.name());
        }
    }

    /**
     * Peers and clients use the advertised (member) address. A port other than the listen port is
     * right only behind a port mapping (Docker's -p 7501:7401), else a typo; a wildcard host is
     * never reachable.
     */
    private static void warnIfListenDiffersFromMemberAddress(NodeConfig config) {
        HostPort advertised = config.advertise();
        if (advertised.port() != config.listen().port()) {
            log.warn("node {} listens on {} but cluster.members says peers and clients reach it at {}: right only if a port"
                    + " mapping forwards one to the other; else check both keys", config.name(), config.listen(), advertised);
        }
        if (advertised.host().equals("0.0.0.0") || advertised.host().equals("::")) {
            log.warn("node {} is advertised as {}, a wildcard address: peers and clients on other machines cannot reach it;"
                    + " set node.advertise and this node's entry in cluster.members to a reachable host:port", config.name(), advertised);
        }
    }
}
