package io.chorus.bench.cli;

import io.chorus.bench.report.JsonSyntaxAccess;
import io.chorus.bench.run.BenchConfig;
import io.chorus.bench.workload.KeyDistribution;
import io.chorus.bench.workload.Workload;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandsTest {
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    int run(Path dir, String... args) throws InterruptedException {
        return Commands.run(args, out, err, dir);
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        BenchConfig c = RunCommand.config(Options.parse(new String[0], RunCommand.VALUED, RunCommand.FLAGS));
        assertEquals(Workload.A, c.workload());
        assertEquals(KeyDistribution.ZIPFIAN, c.distribution());
        assertEquals(100_000, c.records());
        assertEquals(1000, c.valueBytes());
        assertEquals(32, c.threads());
        assertEquals(Duration.ofSeconds(60), c.duration());
        assertEquals(Consistency.QUORUM, c.readLevel());
        assertEquals(Consistency.QUORUM, c.writeLevel());
        assertEquals(Consistency.ALL, c.verifyLevel());
        assertFalse(c.openLoop());
        assertTrue(c.load() && c.runPhase() && c.verify());
        assertTrue(c.promisesFreshReads());
        assertFalse(c.durableWrites());
        assertEquals("QUORUM", c.describeWriteLevel());
    }

    @Test
    void instantNodesNameTheSettingThatIsWrong(@TempDir Path dir) throws InterruptedException {
        assertEquals(Commands.EXIT_USAGE, run(dir, "instant-nodes", "--nodes", "0"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--nodes must be 1..64, was 0"), errBytes::toString);
        assertEquals(Commands.EXIT_USAGE, run(dir, "instant-nodes", "--delay", "soon"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--delay must be a duration"), errBytes::toString);
    }

    @Test
    void durableWritesAreAFlagThatNeedsACluster(@TempDir Path dir) throws InterruptedException {
        BenchConfig c = RunCommand.config(Options.parse(new String[]{"--durable", "--write-consistency", "all"}, RunCommand.VALUED, RunCommand.FLAGS));
        assertTrue(c.durableWrites());
        assertEquals("ALL durable", c.describeWriteLevel(), "the summary says the writes were durable");
        assertEquals(Commands.EXIT_USAGE, run(dir, "--durable", "--cluster", "local"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--durable needs a cluster"));
    }

    @Test
    void theMustShowCommandLineParses() {
        BenchConfig c = RunCommand.config(Options.parse(new String[]{"--workload", "a", "--records", "100000", "--duration", "60s",
                "--read-consistency", "quorum", "--write-consistency", "quorum"}, RunCommand.VALUED, RunCommand.FLAGS));
        assertEquals(Duration.ofSeconds(60), c.duration());
        BenchConfig one = RunCommand.config(Options.parse(new String[]{"--read-consistency=one", "--write-consistency", "QUORUM",
                "--rate", "2500", "--workload", "d"}, RunCommand.VALUED, RunCommand.FLAGS));
        assertFalse(one.promisesFreshReads(), "1 + 2 is not more than 3");
        assertTrue(one.openLoop());
        assertEquals(KeyDistribution.LATEST, one.distribution());
        assertTrue(one.keysMax() > one.records(), "room for inserts");
    }

    @Test
    void durationsTakeUnits() {
        assertEquals(Duration.ofMillis(500), Options.parseDuration("x", "500ms"));
        assertEquals(Duration.ofSeconds(90), Options.parseDuration("x", "1.5m"));
        assertEquals(Duration.ofSeconds(7), Options.parseDuration("x", "7"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parseDuration("duration", "soon"));
        assertTrue(e.getMessage().contains("--duration"), e.getMessage());
    }

    @Test
    void badArgumentsAreNamedWithTheUsageAndExitCode2(@TempDir Path dir) throws InterruptedException {
        assertEquals(Commands.EXIT_USAGE, run(dir, "--workload", "z"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("unknown workload \"z\""));
        assertEquals(Commands.EXIT_USAGE, run(dir, "--thread", "4"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("unknown option --thread"));
        assertEquals(Commands.EXIT_USAGE, run(dir, "--value-size", "8", "--cluster", "local"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("value size 8 B"));
        assertEquals(Commands.EXIT_USAGE, run(dir, "--plot", "x.gif"));
        assertEquals(Commands.EXIT_USAGE, run(dir, "--duration", "0"));
        assertEquals(Commands.EXIT_OK, run(dir, "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--read-consistency"));
    }

    @Test
    void theDefaultClusterIsTheLocalClustersAddressFile(@TempDir Path dir) throws IOException {
        assertEquals("cluster 127.0.0.1:7401,127.0.0.1:7402,127.0.0.1:7403", Clusters.describe(null, dir));
        Path file = dir.resolve(".chorus/cluster/cluster.addresses");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# nodes\n127.0.0.1:9001\n127.0.0.1:9002\n");
        assertEquals("cluster 127.0.0.1:9001,127.0.0.1:9002", Clusters.describe(null, dir));
        assertEquals("cluster 127.0.0.5:1", Clusters.describe("127.0.0.5:1", dir));
    }

    @Test
    void aWholeRunAgainstTheInProcessStoreWritesItsJsonAndPlot(@TempDir Path dir) throws InterruptedException, IOException {
        Path json = dir.resolve("r.json");
        Path plot = dir.resolve("r.svg");
        int code = run(dir, "--cluster", "local", "--records", "200", "--threads", "2", "--duration", "0", "--ops", "1000",
                "--json", json.toString(), "--plot", plot.toString(), "--seed", "1");
        String printed = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(Commands.EXIT_OK, code, printed + errBytes);
        assertTrue(printed.contains("all acknowledged writes verified"), printed);
        String text = Files.readString(json);
        JsonSyntaxAccess.check(text);
        assertTrue(text.contains("\"distribution\":[["), "percentile rows");
        assertTrue(text.contains("\"staleReads\":0"));
        assertTrue(text.contains("\"passed\":true"));
        assertTrue(Files.readString(plot).contains("<polyline"));
    }

    @Test
    void theCounterWorkloadRunsAgainstTheInProcessStoreAndTakesItsReadShare(@TempDir Path dir) throws InterruptedException, IOException {
        Path json = dir.resolve("c.json");
        int code = run(dir, "--cluster", "local", "--workload", "counter", "--read-proportion", "0.25", "--records", "50",
                "--threads", "2", "--duration", "0", "--ops", "1000", "--json", json.toString(), "--seed", "1");
        String printed = outBytes.toString(StandardCharsets.UTF_8);
        assertEquals(Commands.EXIT_OK, code, printed + errBytes);
        assertTrue(printed.contains("workload COUNTER (zipfian; incr 75%, read 25%), 50 counters"), printed);
        assertTrue(printed.contains("hold start + acknowledged increments"), printed);
        String text = Files.readString(json);
        JsonSyntaxAccess.check(text);
        assertTrue(text.contains("\"incr\":{\"count\":"), "increments have their own histogram: " + text);
        assertTrue(text.contains("\"passed\":true"));
    }

    @Test
    void theReadShareIsOnlyForTheCounterWorkload(@TempDir Path dir) throws InterruptedException {
        assertEquals(Commands.EXIT_USAGE, run(dir, "--workload", "a", "--read-proportion", "0.9"));
        assertEquals(Commands.EXIT_USAGE, run(dir, "--workload", "counter", "--read-proportion", "2"));
        String errors = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("--read-proportion only applies to --workload counter"), errors);
        assertTrue(errors.contains("--read-proportion must be between 0 and 1, got 2.0"), errors);
        BenchConfig c = RunCommand.config(Options.parse(new String[]{"--workload", "counter"}, RunCommand.VALUED, RunCommand.FLAGS));
        assertEquals("counter", c.keyPrefix(), "counters live apart from workload A's values");
        assertEquals(c.records(), c.keysMax(), "no inserts");
    }

    @Test
    void theStalenessCommandRunsAgainstTheInProcessStore(@TempDir Path dir) throws InterruptedException, IOException {
        Path json = dir.resolve("s.json");
        int code = run(dir, "staleness", "--cluster", "local", "--delays", "0,1", "--samples", "5", "--threads", "1",
                "--json", json.toString());
        assertEquals(Commands.EXIT_OK, code, errBytes.toString(StandardCharsets.UTF_8));
        String printed = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("0/5"), "one copy is never stale");
        assertTrue(printed.contains("read ONE via other"), "reads go through another replica by default: " + printed);
        String text = Files.readString(json);
        JsonSyntaxAccess.check(text);
        assertTrue(text.contains("\"readVia\":\"other\""), text);
    }

    @Test
    void theStalenessCommandReadsThroughTheSameNodeOnRequestAndRefusesOtherChoices(@TempDir Path dir) throws InterruptedException {
        assertEquals(Commands.EXIT_OK, run(dir, "staleness", "--cluster", "local", "--delays", "0", "--samples", "2",
                "--threads", "1", "--read-via", "SAME"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("read ONE via same"), outBytes.toString(StandardCharsets.UTF_8));
        assertEquals(Commands.EXIT_USAGE, run(dir, "staleness", "--cluster", "local", "--read-via=sideways"));
        String errors = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("--read-via must be same or other, got \"sideways\""), errors);
        assertTrue(errors.contains("--read-via other|same"), "the usage follows: " + errors);
    }
}
