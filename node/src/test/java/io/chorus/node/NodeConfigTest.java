package io.chorus.node;

import io.chorus.replication.config.ReplicaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        NodeConfig config = NodeConfig.defaults();
        assertEquals("n1", config.name().name());
        assertEquals(new HostPort("127.0.0.1", 7401), config.listen());
        assertEquals(Path.of("data", "n1"), config.dataDir());
        assertEquals(1, config.members().size());
        assertEquals("127.0.0.1:7401", config.self().address());
        assertEquals(64, config.partitions());
        assertEquals(1, config.replicationFactor(), "N is capped at the member count");
        assertEquals(2_097_152, config.frameBytesMax());
        assertEquals(1024, config.inFlightPerConnectionMax());
        assertEquals(65536, config.ringSize());
        assertEquals(1_000_000, config.storageEntriesMax());
        assertEquals(0, config.metricsPort());
    }

    @Test
    void millisBecomeTicks() {
        ReplicaConfig replica = NodeConfig.defaults().replicaConfig();
        assertEquals(200, replica.requestTimeoutTicks());
        assertEquals(10, replica.heartbeatIntervalTicks());
        assertEquals(50, replica.failureSuspectTicks());
        assertEquals(1024, replica.keyBytesMax());
        assertEquals(1 << 20, replica.valueBytesMax());
        assertEquals(64, replica.siblingsMax());
        ReplicaConfig coarse = NodeConfig.load(null, Map.of("tick.millis", "30", "request.timeout.millis", "100")).replicaConfig();
        assertEquals(4, coarse.requestTimeoutTicks(), "rounds up: a timeout is never shorter than configured");
    }

    @Test
    void fileThenOverrides() throws IOException {
        Path file = write("""
                # a three-node cluster
                node.name = n2
                node.listen = 127.0.0.1:7402
                cluster.members = n1@127.0.0.1:7401, n2@127.0.0.1:7402,n3@127.0.0.1:7403
                tick.millis = 20
                storage.entriesMax = 1_000
                """);
        NodeConfig config = NodeConfig.load(file, Map.of("tick.millis", "5", "node.dataDir", "/tmp/x"));
        assertEquals("n2", config.name().name());
        assertEquals(3, config.members().size());
        assertEquals(3, config.replicationFactor());
        assertEquals(256, config.partitions());
        assertEquals(5, config.tickMillis(), "the override wins");
        assertEquals(Path.of("/tmp/x"), config.dataDir());
        assertEquals(1000, config.storageEntriesMax());
        assertEquals("127.0.0.1:7402", config.self().address());
        assertEquals(config, NodeConfig.load(null, config.toText()), "toText round-trips");
    }

    @Test
    void unknownKeyIsRefusedWithTheKnownOnes() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> NodeConfig.load(write("tick.milis = 10\n"), Map.of()));
        assertContains(e, "unknown config key 'tick.milis'");
        assertContains(e, "tick.millis");
        assertContains(e, "in " + dir.resolve("node.properties"));
        assertContains(assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("nope", "1"))), "unknown config key 'nope' (override)");
    }

    @Test
    void badValuesNameTheKeyAndWhatWasExpected() {
        assertContains(bad("tick.millis", "abc"), "config key 'tick.millis' (override): expected an integer from 1 to 1000 (milliseconds), got 'abc'");
        assertContains(bad("tick.millis", "0"), "expected an integer from 1 to 1000");
        assertContains(bad("pipeline.ringSize", "1000"), "'pipeline.ringSize' (override): expected a power of two");
        assertContains(bad("cluster.partitions", "100"), "'cluster.partitions' (override): expected a power of two");
        assertContains(bad("node.listen", "localhost"), "'node.listen' (override): expected host:port, got 'localhost'");
        assertContains(bad("node.listen", "localhost:99999"), "port must be 1..65535");
        assertContains(bad("node.name", "n 1"), "'node.name' (override): expected a name of 1 to 64 letters");
        assertContains(bad("cluster.members", "n1@127.0.0.1:7401,n2"), "'n2' has no '@'");
        assertContains(bad("cluster.members", "n1@127.0.0.1:7401,n1@127.0.0.1:7402"), "node 'n1' is listed twice");
        assertContains(bad("cluster.members", "n2@127.0.0.1:7402"), "'cluster.members' (override): must list this node's name 'n1', got [n2]");
        assertContains(bad("metrics.port", "-1"), "'metrics.port' (override): expected an integer from 0 to 65535");
        assertContains(bad("storage.averageValueBytes", "2000000"), "at most limits.valueBytesMax");
    }

    @Test
    void repairKeysReachTheReplica() {
        ReplicaConfig defaults = NodeConfig.defaults().replicaConfig();
        assertEquals(ReplicaConfig.ANTI_ENTROPY_SCAN_KEYS_PER_TICK_DEFAULT, defaults.antiEntropyScanKeysPerTick());
        assertEquals(ReplicaConfig.ANTI_ENTROPY_KEYS_MAX_DEFAULT, defaults.antiEntropyKeysMax());
        assertTrue(defaults.readRepairAskAll(), "reads ask every live replica by default");
        ReplicaConfig set = NodeConfig.load(null, Map.of("antiEntropy.scanKeysPerTick", "50", "antiEntropy.keysMax", "200",
                "readRepair.askAll", "false")).replicaConfig();
        assertEquals(50, set.antiEntropyScanKeysPerTick());
        assertEquals(200, set.antiEntropyKeysMax());
        assertEquals(false, set.readRepairAskAll());
        assertContains(bad("readRepair.askAll", "yes"), "'readRepair.askAll' (override): expected true or false");
        assertContains(bad("antiEntropy.scanKeysPerTick", "0"), "'antiEntropy.scanKeysPerTick' (override): expected an integer from 1");
    }

    @Test
    void crossKeyChecks() {
        ConfigException suspect = assertThrows(ConfigException.class,
                () -> NodeConfig.load(null, Map.of("heartbeat.interval.millis", "500", "failure.suspect.millis", "500")));
        assertContains(suspect, "'failure.suspect.millis' (override): expected more than heartbeat.interval.millis (500)");
        ConfigException suspectByDefault = assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("tick.millis", "1000")));
        assertContains(suspectByDefault, "'failure.suspect.millis' (default): expected more than heartbeat.interval.millis (100) by at least one tick (1000 ms), got its default (500)");
        ConfigException frameByDefault = assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("limits.valueBytesMax", "4194304")));
        assertContains(frameByDefault, "got its default (2097152)");
        ConfigException frame = assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("limits.frameBytesMax", "1048576")));
        assertContains(frame, "'limits.frameBytesMax' (override): expected at least limits.valueBytesMax + limits.keyBytesMax");
        ConfigException timeout = assertThrows(ConfigException.class,
                () -> NodeConfig.load(null, Map.of("tick.millis", "100", "request.timeout.millis", "50")));
        assertContains(timeout, "'request.timeout.millis' (override): expected an integer from 100");
    }

    @Test
    void listenIsTheBindAddressAndAdvertiseWhatOthersAreTold() {
        NodeConfig config = NodeConfig.load(null, Map.of("node.listen", "0.0.0.0:7401", "node.advertise", "db1.example:7401"));
        assertEquals(new HostPort("0.0.0.0", 7401), config.listen());
        assertEquals(new HostPort("db1.example", 7401), config.advertise());
        assertEquals("db1.example:7401", config.self().address(), "a lone node's member entry is its advertised address");

        NodeConfig member = NodeConfig.load(null, Map.of("node.name", "n2", "node.listen", "0.0.0.0:7401",
                "cluster.members", "n1@10.0.0.1:7401,n2@10.0.0.2:7401"));
        assertEquals(new HostPort("10.0.0.2", 7401), member.advertise(), "defaults to this node's entry in cluster.members");
        assertEquals(member, member.with(Map.of("node.advertise", "10.0.0.2:7401")));

        ConfigException disagree = assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("node.name", "n2",
                "node.advertise", "10.0.0.9:7401", "cluster.members", "n1@10.0.0.1:7401,n2@10.0.0.2:7401")));
        assertContains(disagree, "'node.advertise' (override): is 10.0.0.9:7401 but config key 'cluster.members' (override) lists n2@10.0.0.2:7401");
        assertContains(bad("node.advertise", "nohost"), "'node.advertise' (override): expected host:port, got 'nohost'");
    }

    @Test
    void environmentSitsBetweenFileAndOverrides() throws IOException {
        Path file = write("node.name = n1\ntick.millis = 20\nmetrics.port = 9000\n");
        Map<String, String> env = Map.of("CHORUS_TICK_MILLIS", "30", "CHORUS_NODE_DATA_DIR", "/srv/chorus", "CHORUS_METRICS_PORT", "9100",
                "CHORUS_JAVA_OPTS", "-Xmx1g", "CHORUS_HOST", "192.0.2.1", "PATH", "/usr/bin");
        NodeConfig config = NodeConfig.load(file, env, Map.of("metrics.port", "9200"));
        assertEquals(30, config.tickMillis(), "the environment overrides the file");
        assertEquals(Path.of("/srv/chorus"), config.dataDir());
        assertEquals(9200, config.metricsPort(), "--set overrides the environment");
        assertContains(assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("CHORUS_TICK_MILLIS", "x"), Map.of())),
                "config key 'tick.millis' (environment variable CHORUS_TICK_MILLIS): expected an integer");
        ConfigException typo = assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("CHORUS_NODE_NAEM", "n2"), Map.of()));
        assertContains(typo, "unknown environment variable CHORUS_NODE_NAEM");
        assertContains(typo, "CHORUS_NODE_NAME");
        assertContains(assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("CHORUS_LIMITS_KEY_BYTES", "9"), Map.of())),
                "unknown environment variable CHORUS_LIMITS_KEY_BYTES");
        assertContains(assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of("CHORUS_ANTI_ENTROPY_MILLIS", "9"), Map.of())),
                "unknown environment variable CHORUS_ANTI_ENTROPY_MILLIS");
        assertEquals(NodeConfig.defaults(), NodeConfig.load(null, Map.of("CHORUS_N1_PORT", "7401", "CHORUS_IMAGE", "chorus"), Map.of()),
                "CHORUS_ variables of no key's group belong to the scripts and compose files");
        assertEquals("file " + file + ", environment CHORUS_METRICS_PORT CHORUS_NODE_DATA_DIR CHORUS_TICK_MILLIS, --set metrics.port",
                ConfigEnvironment.describeSources(file, env, Map.of("metrics.port", "9200")));
    }

    @Test
    void everyKeyHasItsOwnVariable() {
        assertEquals("CHORUS_NODE_NAME", ConfigEnvironment.variable(ConfigKey.NODE_NAME));
        assertEquals("CHORUS_NODE_DATA_DIR", ConfigEnvironment.variable(ConfigKey.NODE_DATA_DIR));
        assertEquals("CHORUS_LIMITS_KEY_BYTES_MAX", ConfigEnvironment.variable(ConfigKey.KEY_BYTES_MAX));
        assertEquals("CHORUS_ANTI_ENTROPY_INTERVAL_MILLIS", ConfigEnvironment.variable(ConfigKey.ANTI_ENTROPY_INTERVAL_MILLIS));
        java.util.Set<String> variables = new java.util.HashSet<>();
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(variables.add(ConfigEnvironment.variable(key)), "two keys share " + ConfigEnvironment.variable(key));
            Map<String, String> env = Map.of(ConfigEnvironment.variable(key), "");
            NodeConfig.load(null, env, Map.of()); // an empty value leaves the default, as in a file
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.properties");
        assertContains(assertThrows(ConfigException.class, () -> NodeConfig.load(missing, Map.of())), "config file " + missing + " does not exist");
    }

    @Test
    void configDocumentsEveryKey() throws IOException {
        String doc = Files.readString(Path.of("CONFIG.md"));
        for (String key : ConfigKey.allKeys()) {
            assertTrue(doc.contains("| `" + key + "` |"), "CONFIG.md has no table row for " + key);
        }
    }

    private ConfigException bad(String key, String value) {
        return assertThrows(ConfigException.class, () -> NodeConfig.load(null, Map.of(key, value)), key + "=" + value);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, text);
        return file;
    }

    private static void assertContains(Throwable e, String expected) {
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
