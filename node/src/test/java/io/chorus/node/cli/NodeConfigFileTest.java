package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NodeConfigFileTest {
    @Test
    void writesThePerNodeKeysInPropertiesSyntax() throws IOException {
        ClusterShape shape = ClusterShape.local(3, 7401);
        Properties config = load(NodeConfigFile.render(shape, shape.nodes().get(1), Path.of("/c/n2/data")));
        assertEquals(Map.of(
                "node.name", "n2",
                "node.listen", "127.0.0.1:7402",
                "node.dataDir", "/c/n2/data",
                "cluster.members", "n1@127.0.0.1:7401,n2@127.0.0.1:7402,n3@127.0.0.1:7403",
                "replication.factor", "3",
                "metrics.port", "8402"), config);
    }

    @Test
    void aTwoNodeClusterKeepsTwoCopies() throws IOException {
        ClusterShape shape = ClusterShape.local(2, 7401);
        assertEquals("2", load(NodeConfigFile.render(shape, shape.nodes().get(0), Path.of("/d"))).getProperty("replication.factor"));
    }

    @Test
    void pathsWithBackslashesAndBlanksSurviveTheRoundTrip() throws IOException {
        ClusterShape shape = ClusterShape.local(1, 7401);
        String awkward = " /tmp/my dir\\x:y=z";
        assertEquals(awkward, load(NodeConfigFile.render(shape, shape.nodes().get(0), Path.of(awkward))).getProperty("node.dataDir"));
    }

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
