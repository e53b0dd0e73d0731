package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeArgumentsTest {
    @Test
    void readsTheConfigFileAndTheOverrides() {
        NodeArguments arguments = NodeArguments.parse(List.of("--config", "n1.conf", "--set", "node.name=n9",
                "--set", " tick.millis = 5 ", "--set", "cluster.members=a@h:1,b@h:2"));
        assertEquals(Path.of("n1.conf"), arguments.configFile());
        assertEquals(Map.of("node.name", "n9", "tick.millis", "5", "cluster.members", "a@h:1,b@h:2"), arguments.overrides());
    }

    @Test
    void aLaterSetOfTheSameKeyWins() {
        NodeArguments arguments = NodeArguments.parse(List.of("--set", "node.name=a", "--config", "c", "--set", "node.name=b"));
        assertEquals(Map.of("node.name", "b"), arguments.overrides());
    }

    @Test
    void anEmptyValueIsAValue() {
        assertEquals(Map.of("node.dataDir", ""), NodeArguments.parse(List.of("--config", "c", "--set", "node.dataDir=")).overrides());
    }

    @Test
    void refusesAMissingConfigAndMalformedOverrides() {
        assertEquals("node needs --config FILE", assertThrows(UsageException.class, () -> NodeArguments.parse(List.of())).getMessage());
        assertEquals("--set needs key=value, got 'node.name'",
                assertThrows(UsageException.class, () -> NodeArguments.parse(List.of("--config", "c", "--set", "node.name"))).getMessage());
        assertEquals("--set needs key=value, got '=x'",
                assertThrows(UsageException.class, () -> NodeArguments.parse(List.of("--config", "c", "--set", "=x"))).getMessage());
        assertEquals("--config needs a file name",
                assertThrows(UsageException.class, () -> NodeArguments.parse(List.of("--config", " "))).getMessage());
    }
}
