package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFilesTest {
    @TempDir
    Path temp;

    /** A plain local cluster's config: the rendered keys, then the cluster secret's path. */
    private static String expected(ClusterDir dir, ClusterShape shape, NodeSpec node) throws IOException {
        return NodeConfigFile.render(shape, node, dir.dataDir(node.name())) + ClusterSecurity.configText(dir, node, ClusterSecurity.Options.PLAIN);
    }

    @Test
    void createsTheAddressesFileAndEachNodesConfigAndDataDir() throws IOException {
        ClusterDir dir = new ClusterDir(temp.resolve("c"));
        ClusterShape shape = ClusterShape.local(3, 7401);
        ClusterFiles.ensure(dir, shape);
        assertEquals("127.0.0.1:7401\n127.0.0.1:7402\n127.0.0.1:7403\n", Files.readString(dir.addressesFile()));
        for (NodeSpec node : shape.nodes()) {
            assertEquals(expected(dir, shape, node), Files.readString(dir.configFile(node.name())));
            assertTrue(Files.isDirectory(dir.dataDir(node.name())));
        }
        assertEquals(Optional.of(shape), ClusterShape.read(dir));
        assertFalse(Files.exists(dir.root().resolve("cluster.addresses.tmp")), "no temporary file left behind");
    }

    @Test
    void keepsAnEditedConfigOfAnExistingClusterAndRestoresADeletedOne() throws IOException {
        ClusterDir dir = new ClusterDir(temp);
        ClusterShape shape = ClusterShape.local(2, 7401);
        ClusterFiles.ensure(dir, shape);
        Files.writeString(dir.configFile("n1"), "node.name = n1\ntick.millis = 5\n");
        Files.delete(dir.configFile("n2"));
        ClusterFiles.ensure(dir, shape);
        assertEquals("node.name = n1\ntick.millis = 5\n", Files.readString(dir.configFile("n1")));
        assertEquals(expected(dir, shape, shape.nodes().get(1)), Files.readString(dir.configFile("n2")));
    }

    @Test
    void rewritesConfigsLeftByAFirstStartThatNeverFinished() throws IOException {
        ClusterDir dir = new ClusterDir(temp);
        Files.createDirectories(dir.nodeDir("n1"));
        Files.writeString(dir.configFile("n1"), "cluster.members = n1@127.0.0.1:9999\n");
        ClusterShape shape = ClusterShape.local(2, 7401);
        ClusterFiles.ensure(dir, shape);
        assertEquals(expected(dir, shape, shape.nodes().get(0)), Files.readString(dir.configFile("n1")));
    }

    @Test
    void noAddressesFileMeansNoCluster() {
        ClusterDir dir = new ClusterDir(temp);
        assertEquals(Optional.empty(), ClusterShape.read(dir));
        CliException e = assertThrows(CliException.class, () -> ClusterCommand.existingShape(dir));
        assertTrue(e.getMessage().startsWith("no cluster in " + temp), e.getMessage());
    }

    @Test
    void eachLocalClusterSealsContextsWithItsOwnRandomSecretInOwnerOnlyConfigs() throws IOException {
        ClusterShape shape = ClusterShape.local(2, 7401);
        ClusterDir first = new ClusterDir(temp.resolve("a")), second = new ClusterDir(temp.resolve("b"));
        ClusterFiles.ensure(first, shape);
        ClusterFiles.ensure(second, shape);
        String secret = io.chorus.node.NodeConfig.load(first.configFile("n1"), java.util.Map.of()).contextSecret();
        assertTrue(secret.matches("[0-9a-f]{64}"), "a random secret, not the well-known key of a node without one: '" + secret + "'");
        assertEquals(secret, io.chorus.node.NodeConfig.load(first.configFile("n2"), java.util.Map.of()).contextSecret(), "one secret per cluster");
        assertFalse(secret.equals(io.chorus.node.NodeConfig.load(second.configFile("n1"), java.util.Map.of()).contextSecret()),
                "another cluster gets another secret");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(first.configFile("n1"))),
                "the config holds the secret");
    }
}
