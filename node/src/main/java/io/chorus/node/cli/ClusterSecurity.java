package io.chorus.node.cli;

import io.chorus.node.security.CertificateAuthority;
import io.chorus.node.security.ClusterSecret;
import io.chorus.node.security.SecretFiles;
import io.chorus.node.security.Users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The security files of a local cluster, made on its first start: always a cluster secret
 * ({@code cluster.secret}, readable by its owner only) that the nodes' peers prove, and a context
 * secret ({@code context.secret}, the same) that seals the contexts the nodes give clients, so that
 * a local cluster does not run on the well-known key of a node without one; with
 * {@code --tls} a throwaway CA and a certificate per node ({@code tls/}; the CA's key is never
 * written, so no further certificate can be signed by it); with {@code --auth} an empty users file
 * ({@code users}, filled by {@code chorus user add}). {@link #configText} points a node at them.
 */
final class ClusterSecurity {
    /** What {@code cluster start} was asked for. */
    record Options(boolean tls, boolean auth) {
        static final Options PLAIN = new Options(false, false);
    }

    private ClusterSecurity() {
    }

    /** Makes the files {@code options} need where missing. */
    static void ensure(ClusterDir dir, ClusterShape shape, Options options) throws IOException {
        if (!Files.exists(dir.secretFile())) SecretFiles.write(dir.secretFile(), ClusterSecret.generate(new SecureRandom()), true);
        if (!Files.exists(dir.contextSecretFile())) {
            SecretFiles.write(dir.contextSecretFile(), ClusterSecret.generate(new SecureRandom()), true);
        }
        if (options.tls() && !Files.exists(dir.caFile())) {
            Files.createDirectories(dir.caFile().getParent());
            CertificateAuthority ca = CertificateAuthority.create("Chorus local cluster CA (" + dir.root() + ")", new SecureRandom());
            for (NodeSpec node : shape.nodes()) {
                ca.issue(node.name(), node.host(), dir.certFile(node.name()), dir.keyFile(node.name()));
            }
            ca.writeCertificate(dir.caFile()); // last: its presence means every certificate is there
        }
        if (options.auth() && !Files.exists(dir.usersFile())) {
            SecretFiles.write(dir.usersFile(), new Users(Map.of()).text(), true);
        }
    }

    /** The config lines for {@code node} (they hold the context secret: write them readable by their owner only). */
    static String configText(ClusterDir dir, NodeSpec node, Options options) throws IOException {
        StringBuilder text = new StringBuilder();
        line(text, "peer.secretFile", dir.secretFile());
        // the key takes the secret itself, not a file
        text.append("cluster.contextSecret = ").append(NodeConfigFile.escape(Files.readString(dir.contextSecretFile()).strip())).append('\n');
        if (options.tls()) {
            line(text, "tls.certFile", dir.certFile(node.name()));
            line(text, "tls.keyFile", dir.keyFile(node.name()));
            line(text, "tls.caFile", dir.caFile());
        }
        if (options.auth()) line(text, "auth.usersFile", dir.usersFile());
        return text.toString();
    }

    private static void line(StringBuilder text, String key, Path value) {
        text.append(key).append(" = ").append(NodeConfigFile.escape(value.toString())).append('\n');
    }
}
