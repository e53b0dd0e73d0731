package io.chorus.node;

import io.chorus.replication.message.Greeting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may talk to a node, as its config says (node/CONFIG.md, "Security"). Paths are null when
 * their key is not set.
 *
 * @param clusterName the name every greeting carries; a peer or client of another cluster is refused
 * @param secretFile  the shared cluster secret peers prove with (challenge-response); null: see {@code PeerPolicy}
 * @param certFile    this node's certificate chain (PEM); with {@code keyFile} and {@code caFile} turns TLS on
 * @param keyFile     this node's private key (PEM, unencrypted PKCS#8)
 * @param caFile      the cluster CA (PEM): peers must present a certificate it signed; clients trust it
 * @param usersFile   users and their salted password hashes; null: clients need no authentication
 */
public record SecurityConfig(String clusterName, Path secretFile, Path certFile, Path keyFile, Path caFile, Path usersFile) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public SecurityConfig {
        assert clusterName.getBytes(StandardCharsets.UTF_8).length <= Greeting.NAME_BYTES_MAX : clusterName;
    }

    /** TLS on every connection (client and peer) when the three TLS files are set. */
    public boolean tls() {
        return certFile != null;
    }

    static SecurityConfig parse(ConfigValues v) {
        String cluster = v.parsed(ConfigKey.CLUSTER_NAME, Greeting.CLUSTER_NAME_DEFAULT,
                "a name of 1 to " + Greeting.NAME_BYTES_MAX + " letters, digits, '.', '_' or '-'", SecurityConfig::clusterName);
        Path secret = v.parsed(ConfigKey.PEER_SECRET_FILE, null, "a file path", Path::of);
        Path cert = v.parsed(ConfigKey.TLS_CERT_FILE, null, "a file path", Path::of);
        Path key = v.parsed(ConfigKey.TLS_KEY_FILE, null, "a file path", Path::of);
        Path ca = v.parsed(ConfigKey.TLS_CA_FILE, null, "a file path", Path::of);
        if ((cert == null) != (key == null) || (cert == null) != (ca == null)) {
            throw new ConfigException(v.describe(ConfigKey.TLS_CERT_FILE) + ", " + v.describe(ConfigKey.TLS_KEY_FILE) + " and "
                    + v.describe(ConfigKey.TLS_CA_FILE) + ": set all three (TLS on) or none (plaintext)");
        }
        Path users = v.parsed(ConfigKey.AUTH_USERS_FILE, null, "a file path", Path::of);
        return new SecurityConfig(cluster, secret, cert, key, ca, users);
    }

    private static String clusterName(String text) {
        if (!NAME.matcher(text).matches() || text.length() > Greeting.NAME_BYTES_MAX) {
            throw new IllegalArgumentException("'" + text + "' is not a valid cluster name");
        }
        return text;
    }

    void toText(Map<String, String> text) {
        text.put(ConfigKey.CLUSTER_NAME.key(), clusterName);
        text.put(ConfigKey.PEER_SECRET_FILE.key(), pathText(secretFile));
        text.put(ConfigKey.TLS_CERT_FILE.key(), pathText(certFile));
        text.put(ConfigKey.TLS_KEY_FILE.key(), pathText(keyFile));
        text.put(ConfigKey.TLS_CA_FILE.key(), pathText(caFile));
        text.put(ConfigKey.AUTH_USERS_FILE.key(), pathText(usersFile));
    }

    private static String pathText(Path path) {
        return path == null ? "" : path.toString(); // empty: not set
    }
}
