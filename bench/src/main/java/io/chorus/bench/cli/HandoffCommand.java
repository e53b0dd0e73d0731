package io.chorus.bench.cli;

import io.chorus.bench.run.HandoffKeys;
import io.chorus.client.ChorusClient;
import io.chorus.client.cli.NodeNames;
import io.chorus.client.WriteOptions;
import io.chorus.replication.state.Consistency;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code chorus bench handoff write|verify}: the two client halves of the convergence check
 * (bench/handoff-check.sh runs them around stopping and starting a node): write many keys and
 * delete some while a node is down, then watch that node's own replica until it shows every value
 * and no deleted one.
 */
final class HandoffCommand {
    static final Set<String> VALUED = Set.of("cluster", "keys", "deletes", "key-prefix", "consistency", "node", "timeout",
            "since-epoch-millis", "in-flight", "request-timeout");

    static final String USAGE = String.join("\n",
            "usage: chorus bench handoff write [options]    write --keys keys, then delete the first --deletes of them",
            "       chorus bench handoff verify --node NODE [options]",
            "                                               read every key from NODE's own replica alone (a local read at",
            "                                               ONE), again and again, until NODE shows every value that was not",
            "                                               deleted and none that was; print how long that took",
            "  --cluster HOST:PORT,...         [as chorus bench]",
            "  --keys N                        [10000] keys PREFIX0 .. PREFIX(N-1), each with the value v-KEY",
            "  --deletes N                     [1000] the first N keys are deleted after all are written",
            "  --key-prefix P                  [handoff-] use a fresh prefix per run",
            "  --consistency L                 [quorum] level of the writes and deletes",
            "  --node NODE                     verify: the node (name, e.g. n3, or HOST:PORT) whose replica is read",
            "  --timeout D                     [60s] verify: fail (exit 1) if the node took longer (it goes on reading",
            "                                  up to 3 times as long, to say how long it took)",
            "  --since-epoch-millis T          verify: count the time from T (e.g. when the node was started), not from now",
            "  --in-flight N                   [64] requests outstanding at once",
            "  --request-timeout D             [5s]",
            "Exit codes: 0 pass; 1 a write failed, or the node did not converge in time; 2 bad arguments; 3 unreachable.");

    /** Verify goes on past its timeout, to say how late the node was, up to this many timeouts. */
    static final int GIVE_UP_TIMEOUTS = 3;

    private HandoffCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) throws InterruptedException {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0]) || !List.of("write", "verify").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length > 0 && List.of("help", "--help", "-h").contains(args[0]) ? Commands.EXIT_OK : Commands.EXIT_USAGE;
        }
        boolean write = args[0].equals("write");
        HandoffKeys keys;
        Options o;
        List<InetSocketAddress> seeds;
        try {
            o = Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length), VALUED, Set.of());
            keys = new HandoffKeys(o.text("key-prefix", "handoff-"), o.intValue("keys", 10_000), o.intValue("deletes", 1_000),
                    o.intValue("in-flight", 64));
            if (!write && !o.has("node")) throw new IllegalArgumentException("verify needs --node NODE");
            seeds = Clusters.seeds(o.text("cluster", null), workingDirectory);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.EXIT_USAGE;
        }
        ChorusClient client = connect(seeds, o.duration("request-timeout", Duration.ofSeconds(5)), err);
        if (client == null) return Commands.EXIT_UNREACHABLE;
        try (client) {
            if (write) {
                String failure = keys.write(client, Consistency.parse(o.text("consistency", "quorum")), WriteOptions.DEFAULT, out);
                if (failure == null) return Commands.EXIT_OK;
                err.println("a write failed: " + failure);
                return Commands.EXIT_CHECK_FAILED;
            }
            return verify(client, keys, o, out, err);
        }
    }

    private static int verify(ChorusClient client, HandoffKeys keys, Options o, PrintStream out, PrintStream err) throws InterruptedException {
        InetSocketAddress node;
        try {
            node = NodeNames.address(client, o.text("node", null), "--node");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return Commands.EXIT_USAGE;
        }
        long now = System.nanoTime();
        long since = o.has("since-epoch-millis")
                ? now - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - o.longValue("since-epoch-millis", 0)) : now;
        Duration timeout = o.duration("timeout", Duration.ofSeconds(60));
        long giveUp = since + timeout.multipliedBy(GIVE_UP_TIMEOUTS).toNanos();
        double seconds = keys.verify(client, node, since, giveUp, out);
        if (seconds < 0) {
            out.printf("FAIL: %s did not show all its values and none of its deleted keys within %d times the timeout%n",
                    o.text("node", ""), GIVE_UP_TIMEOUTS);
            return Commands.EXIT_CHECK_FAILED;
        }
        boolean inTime = seconds <= timeout.toMillis() / 1000.0;
        out.printf("%s: %s shows all its values and none of its deleted keys, %.1f s after the start (timeout %d s)%n",
                inTime ? "converged" : "FAIL: converged late", o.text("node", ""), seconds, timeout.toSeconds());
        return inTime ? Commands.EXIT_OK : Commands.EXIT_CHECK_FAILED;
    }

    /**
     * A client of {@code seeds}, trying up to 3 times: a node that was just started may not answer
     * the first description in time on a busy machine. Null (and why, on {@code err}) if none answered.
     */
    private static ChorusClient connect(List<InetSocketAddress> seeds, Duration requestTimeout, PrintStream err) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ChorusClient.builder().seeds(seeds).requestTimeout(requestTimeout).build();
            } catch (RuntimeException | AssertionError e) { // AssertionError: the client's DescribeCluster wait can outlast its deadline under load
                if (attempt == 3) {
                    err.println("cannot reach " + seeds + ": " + e.getMessage());
                    return null;
                }
            }
        }
    }
}
