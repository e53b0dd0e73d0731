package io.chorus.client.cli;

import io.chorus.client.Addresses;
import io.chorus.client.ChorusClient;
import io.chorus.client.MapView;
import io.chorus.client.TestClusters;
import io.chorus.replication.state.Consistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRDT commands through {@link DataCommands#run}, as the launcher calls them, against fake nodes keeping CRDT values. */
class CrdtCommandsTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final TestClusters.Handle cluster = TestClusters.crdtStore(3);

    @TempDir
    Path workingDirectory;

    @AfterEach
    void release() throws Exception {
        cluster.close();
        for (AutoCloseable resource : resources) resource.close();
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    /** Runs a command against the fake cluster. */
    private Outcome run(String... args) {
        String[] withCluster = new String[args.length + 2];
        System.arraycopy(args, 0, withCluster, 0, args.length);
        withCluster[args.length] = "--cluster";
        withCluster[args.length + 1] = cluster.seeds();
        return runAsIs(withCluster);
    }

    private Outcome runAsIs(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = DataCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workingDirectory);
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void assertOk(Outcome outcome) {
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals("ok\n", outcome.out());
    }

    @Test
    void counterIncrementsDecrementsAndPrintsItsValue() {
        assertEquals("0\n", run("counter", "hits", "value").out());
        assertOk(run("counter", "hits", "incr"));
        assertOk(run("counter", "hits", "incr", "10", "--consistency", "all"));
        assertOk(run("counter", "hits", "decr", "4"));
        assertOk(run("counter", "hits", "decr"));
        Outcome value = run("counter", "hits", "value", "--consistency=one");
        assertEquals(0, value.exitCode());
        assertEquals("6\n", value.out());
    }

    @Test
    void setAddsRemovesListsAndAnswersContains() {
        assertOk(run("set", "tags", "add", "b", "a", "c"));
        assertOk(run("set", "tags", "remove", "c"));
        assertEquals("a\nb\n", run("set", "tags", "members").out());

        Outcome present = run("set", "tags", "contains", "a");
        assertEquals(0, present.exitCode());
        assertEquals("true\n", present.out());
        Outcome absent = run("set", "tags", "contains", "c");
        assertEquals(DataCommands.EXIT_NOT_FOUND, absent.exitCode());
        assertEquals("false\n", absent.out());

        assertOk(run("set", "tags", "clear"));
        assertEquals("", run("set", "tags", "members").out(), "an empty set prints nothing");
    }

    @Test
    void flagEnablesDisablesAndPrintsItsState() {
        assertEquals("disabled\n", run("flag", "maintenance", "value").out());
        assertOk(run("flag", "maintenance", "enable"));
        assertEquals("enabled\n", run("flag", "maintenance", "value").out());
        assertOk(run("flag", "maintenance", "disable"));
        assertEquals("disabled\n", run("flag", "maintenance", "value").out());
    }

    @Test
    void registersSetAndGetWithAndWithoutLww() {
        Outcome unset = run("register", "colour", "get");
        assertEquals(DataCommands.EXIT_NOT_FOUND, unset.exitCode());
        assertEquals("not set\n", unset.out());
        assertOk(run("register", "colour", "set", "red"));
        assertEquals("red\n", run("register", "colour", "get").out());

        assertOk(run("register", "name", "set", "Ada", "--lww"));
        assertEquals("Ada\n", run("register", "name", "get", "--lww").out());
        Outcome wrongType = run("register", "name", "get");
        assertEquals(DataCommands.EXIT_FAILED, wrongType.exitCode());
        assertTrue(wrongType.err().startsWith("InvalidRequest key name holds a last-writer-wins register, not a multi-value register"),
                wrongType.err());
    }

    @Test
    void mapIncrementsAddsAndPrintsANestedView() {
        assertEquals("(empty map)\n", run("map", "profile", "get").out());
        assertOk(run("map", "profile", "incr", "visits"));
        assertOk(run("map", "profile", "incr", "visits", "2"));
        assertOk(run("map", "profile", "add", "tags", "x", "y"));

        Outcome get = run("map", "profile", "get");
        assertEquals(0, get.exitCode(), get.err());
        assertEquals("tags (set): {\"x\", \"y\"}\nvisits (counter): 3\n", get.out());
    }

    @Test
    void nestedMapsPrintIndented() {
        MapView view = readNestedMap();
        assertEquals(List.of("address (map):", "  city (last-writer-wins register): \"Oslo\"", "  moved (flag): enabled",
                "name (multi-value register): \"Ada\""), MapPrinter.lines(view));
    }

    /** A map with a nested map, written through the library (the CLI writes only counters and sets into maps). */
    private MapView readNestedMap() {
        try (ChorusClient client = ChorusClient.builder().seeds(Addresses.parseList(cluster.seeds())).build()) {
            client.map("profile").update(Consistency.ONE, m -> m.register("name").set("Ada")
                    .map("address").update(a -> a.lwwRegister("city").set("Oslo").flag("moved").enable()));
            return client.map("profile").get(Consistency.ONE);
        }
    }

    @Test
    void aTypeMismatchFailsWithExitThreeNamingBothTypes() {
        assertOk(run("counter", "hits", "incr"));
        Outcome outcome = run("set", "hits", "add", "x");
        assertEquals(DataCommands.EXIT_FAILED, outcome.exitCode());
        assertEquals("", outcome.out());
        assertTrue(outcome.err().startsWith("InvalidRequest key hits holds a counter, not a set"), outcome.err());
    }

    @Test
    void durableUpdatesSaySoAndReadsRefuseTheOption() {
        for (String[] update : new String[][]{{"counter", "hits", "incr", "2"}, {"set", "tags", "add", "x"}, {"flag", "f", "enable"},
                {"register", "r", "set", "v"}, {"register", "l", "set", "v", "--lww"}, {"map", "m", "add", "tags", "x"}}) {
            String[] durable = java.util.Arrays.copyOf(update, update.length + 1);
            durable[update.length] = "--durable";
            Outcome outcome = run(durable);
            assertEquals(0, outcome.exitCode(), outcome.err());
            assertEquals("ok (durable)\n", outcome.out(), String.join(" ", durable));
        }
        assertOk(run("counter", "hits", "incr"));
        assertEquals("3\n", run("counter", "hits", "value").out());
        Outcome read = runAsIs(withDeadCluster(new String[]{"counter", "hits", "value", "--durable"}));
        assertEquals(DataCommands.EXIT_USAGE, read.exitCode());
        assertTrue(read.err().startsWith("--durable is for updates, not counter value"), read.err());
    }

    @Test
    void malformedCommandsAreUsageErrorsWithoutConnecting() {
        String[][] malformed = {
                {"counter"}, {"counter", "hits"}, {"counter", "hits", "add"}, {"counter", "hits", "incr", "-2"},
                {"counter", "hits", "incr", "many"}, {"counter", "hits", "value", "1"}, {"set", "tags", "add"},
                {"set", "tags", "contains", "a", "b"}, {"flag", "f", "on"}, {"register", "r", "set"}, {"counter", "c", "value", "--lww"},
                {"map", "m", "add", "tags"}, {"map", "m", "incr", "visits", "x"}, {"counter", "c", "value", "--consistency", "most"},
                {"counter", "c", "value", "--colour", "red"}, {"counter", "c", "value", "--cluster"},
        };
        for (String[] args : malformed) {
            Outcome outcome = runAsIs(withDeadCluster(args));
            assertEquals(DataCommands.EXIT_USAGE, outcome.exitCode(), String.join(" ", args) + ": " + outcome.err());
            assertTrue(outcome.err().contains("usage:"), outcome.err());
        }
        Outcome unknownAction = runAsIs(withDeadCluster(new String[]{"set", "tags", "push", "x"}));
        assertTrue(unknownAction.err().startsWith("unknown set action \"push\" (expected add, clear, contains, members, remove)"),
                unknownAction.err());
        Outcome negative = runAsIs(withDeadCluster(new String[]{"counter", "hits", "incr", "-2"}));
        assertTrue(negative.err().startsWith("N must be >= 0, was -2 (use decr to subtract)"), negative.err());
    }

    /** A cluster that cannot be reached: a usage error must be found before connecting, or it would fail as Unavailable. */
    private static String[] withDeadCluster(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = args[0];
        all[1] = "--cluster=" + TestClusters.deadAddresses(1); // early, so that a later bare --cluster still lacks its value
        System.arraycopy(args, 1, all, 2, args.length - 1);
        return all;
    }

    @Test
    void theUsageTextListsTheCrdtCommands() {
        Outcome help = runAsIs("--help");
        assertEquals(0, help.exitCode());
        for (String command : List.of("counter KEY incr", "set KEY add", "flag KEY enable", "register KEY set", "--lww", "map KEY get")) {
            assertTrue(help.out().contains(command), "usage mentions " + command);
        }
        assertEquals(Set.of("put", "get", "delete", "counter", "set", "flag", "register", "map"), DataCommands.COMMANDS);
    }

    @Test
    void aDeadClusterFailsAsUnavailable() {
        Outcome outcome = runAsIs("counter", "hits", "incr", "--cluster", TestClusters.deadAddresses(2));
        assertEquals(DataCommands.EXIT_FAILED, outcome.exitCode());
        assertTrue(outcome.err().startsWith("Unavailable no seed reachable"), outcome.err());
    }
}
