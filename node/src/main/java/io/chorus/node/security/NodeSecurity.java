package io.chorus.node.security;

import io.chorus.node.SecurityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;

/**
 * A running node's security material, built from its {@link SecurityConfig}: the cluster name,
 * the cluster secret (or none), the TLS files (or none) and the client authenticator (or none).
 * Shared by every connection; each part is thread-safe.
 *
 * <p>With no secret and no TLS, nothing proves a peer: such a node accepts peer greetings only from
 * loopback addresses (a local development cluster) and says so at startup. With TLS the peer's
 * certificate proves its name; with a secret the challenge-response does; with both, both must.
 */
public final class NodeSecurity implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeSecurity.class);

    private final String clusterName;
    private final ClusterSecret secret;
    private final TlsFiles tls;
    private final Authenticator authenticator;
    private final SecureRandom random = new SecureRandom();
    private final GreetingCounters counters = new GreetingCounters();

    public NodeSecurity(String clusterName, ClusterSecret secret, TlsFiles tls, Authenticator authenticator) {
        this.clusterName = clusterName;
        this.secret = secret;
        this.tls = tls;
        this.authenticator = authenticator;
    }

    /** Reads every file the config names; a missing or bad file fails here, before the node listens. */
    public static NodeSecurity load(SecurityConfig config, String nodeName) {
        ClusterSecret secret = config.secretFile() == null ? null : ClusterSecret.load(config.secretFile());
        TlsFiles tls = config.tls() ? new TlsFiles(config.certFile(), config.keyFile(), config.caFile()) : null;
        Authenticator authenticator = config.usersFile() == null ? null : new Authenticator(config.usersFile(), nodeName);
        if (secret == null && tls == null) {
            log.warn("{}: no peer.secretFile and no TLS: peers are accepted from loopback addresses only, on their word"
                    + " (fine for a local cluster; set peer.secretFile or tls.* for anything else)", nodeName);
        }
        return new NodeSecurity(config.clusterName(), secret, tls, authenticator);
    }

    /** Plaintext, no secret, no users: a local test node. */
    public static NodeSecurity open(String clusterName) {
        return new NodeSecurity(clusterName, null, null, null);
    }

    public String clusterName() {
        return clusterName;
    }

    /** Null when the cluster has no secret. */
    public ClusterSecret secret() {
        return secret;
    }

    /** Null when TLS is off. */
    public TlsFiles tls() {
        return tls;
    }

    /** Null when clients need not authenticate. */
    public Authenticator authenticator() {
        return authenticator;
    }

    public GreetingCounters counters() {
        return counters;
    }

    public byte[] nonce(int bytes) {
        byte[] nonce = new byte[bytes];
        random.nextBytes(nonce);
        return nonce;
    }

    @Override
    public void close() {
        if (authenticator != null) authenticator.close();
    }
}
