package io.chorus.bench.cli;

import io.chorus.bench.clientcpu.ClientCpuRun;
import io.chorus.client.ChorusClient;
import io.chorus.replication.state.Consistency;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code chorus bench client-cpu}: the Java client's own CPU and context switches per operation. */
final class ClientCpuCommand {
    static final Set<String> VALUED = Set.of("cluster", "threads", "keys-per-thread", "value-size", "read-share",
            "consistency", "warmup", "duration", "io-threads", "repeat");

    static final String USAGE = String.join("\n",
            "usage: chorus bench client-cpu [options]",
            "Threads call get/put synchronously (each on keys of its own, a put carrying the context of the",
            "thread's last answer for the key) with no other work; prints this JVM's CPU time and context",
            "switches per operation over the measured window: the client's cost (the calling loop is a few",
            "hundred ns per op). Run it against a cluster on other processes.",
            "  --cluster HOST:PORT,...         [as chorus bench]",
            "  --threads N                     [32] callers, one call in flight each",
            "  --keys-per-thread N             [300]",
            "  --value-size BYTES              [1000]",
            "  --read-share F                  [0.5] share of gets (workload A)",
            "  --consistency L                 [quorum] for reads and writes",
            "  --warmup D, --duration D        [10s, 20s]",
            "  --repeat N                      [1] measured windows, one after another (the warm-up before the first)",
            "  --io-threads N                  [1] the client's event loop threads");

    private ClientCpuCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) throws InterruptedException {
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            out.println(USAGE);
            return Commands.EXIT_OK;
        }
        ClientCpuRun run;
        String clusterOption;
        int ioThreads;
        int repeat;
        try {
            Options o = Options.parse(args, VALUED, Set.of());
            Consistency level = Consistency.parse(o.text("consistency", "quorum"));
            run = new ClientCpuRun(positive(o.intValue("threads", 32), "threads"), positive(o.intValue("keys-per-thread", 300), "keys-per-thread"),
                    positive(o.intValue("value-size", 1000), "value-size"), o.doubleValue("read-share", 0.5), level,
                    o.duration("warmup", Duration.ofSeconds(10)), o.duration("duration", Duration.ofSeconds(20)));
            ioThreads = positive(o.intValue("io-threads", 1), "io-threads");
            repeat = positive(o.intValue("repeat", 1), "repeat");
            clusterOption = o.text("cluster", null);
            if (Clusters.LOCAL.equals(clusterOption)) throw new IllegalArgumentException("--cluster local has no client to measure");
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.EXIT_USAGE;
        }
        ChorusClient client;
        try {
            client = ChorusClient.builder().seeds(Clusters.seeds(clusterOption, workingDirectory)).ioThreads(ioThreads).build();
        } catch (RuntimeException e) {
            err.println("cannot reach " + Clusters.describe(clusterOption, workingDirectory) + ": " + e.getMessage());
            return Commands.EXIT_UNREACHABLE;
        }
        try (client) {
            out.printf("chorus bench client-cpu: %s, %d threads, %s, %.0f%% reads, %d B values, %d io threads%n",
                    Clusters.describe(clusterOption, workingDirectory), run.threads(), run.consistency(), run.readShare() * 100,
                    run.valueBytes(), ioThreads);
            for (int i = 0; i < repeat; i++) {
                ClientCpuRun window = i == 0 ? run : run.warm();
                window.print(window.run(client), out);
            }
            return Commands.EXIT_OK;
        }
    }

    private static int positive(int value, String name) {
        if (value < 1) throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
        return value;
    }
}
