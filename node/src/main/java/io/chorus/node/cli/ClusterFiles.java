package io.chorus.node.cli;

import io.chorus.node.security.SecretFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Creates a cluster's directory and files; a crash halfway never leaves a half-written file. */
final class ClusterFiles {
    private ClusterFiles() {
    }

    /**
     * Writes {@code cluster.addresses} and each node's config and data directory where missing. A
     * config of an existing cluster is kept (the user may have edited it); one left by a first start
     * that never finished is rewritten, since its shape may differ.
     */
    static void ensure(ClusterDir dir, ClusterShape shape) {
        ensure(dir, shape, ClusterSecurity.Options.PLAIN);
    }

    /** As above, with the security files {@code security} asks for (made, like the configs, on the first start only). */
    static void ensure(ClusterDir dir, ClusterShape shape, ClusterSecurity.Options security) {
        try {
            Files.createDirectories(dir.root());
            boolean fresh = !Files.exists(dir.addressesFile());
            ClusterSecurity.ensure(dir, shape, security);
            for (NodeSpec node : shape.nodes()) {
                Files.createDirectories(dir.dataDir(node.name()));
                Path config = dir.configFile(node.name());
                if (fresh || !Files.exists(config)) {
                    // readable by its owner only: it holds the context secret
                    SecretFiles.write(config, NodeConfigFile.render(shape, node, dir.dataDir(node.name()))
                            + ClusterSecurity.configText(dir, node, security), true);
                }
            }
            // last: its presence means the cluster's files are complete
            if (fresh) {
                writeAtomically(dir.addressesFile(), shape.addressesText());
            }
        } catch (IOException e) {
            throw new CliException("cannot create the cluster's files in " + dir.root() + ": " + Main.describe(e), e);
        }
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
