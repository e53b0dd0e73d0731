package io.chorus.bench.cli;

import io.chorus.bench.report.BenchResult;
import io.chorus.bench.report.JsonReport;
import io.chorus.bench.report.PercentilePlots;
import io.chorus.bench.report.PlotWriter;
import io.chorus.bench.report.Summary;
import io.chorus.bench.run.BenchConfig;
import io.chorus.bench.run.Driver;
import io.chorus.bench.run.Ticker;
import io.chorus.bench.store.Store;
import io.chorus.bench.workload.KeyDistribution;
import io.chorus.bench.workload.OpType;
import io.chorus.bench.workload.OperationMix;
import io.chorus.bench.workload.Workload;
import io.chorus.client.WriteOptions;
import io.chorus.replication.state.Consistency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** {@code chorus bench [options]}: load, run a workload, check, summarise. */
public final class RunCommand {
    /** Room for keys inserted during a run (workload D) beyond the loaded records. */
    static final long INSERTED_KEYS_MAX = 10_000_000L;

    static final Set<String> VALUED = Set.of("cluster", "workload", "read-proportion", "distribution", "records", "value-size", "threads",
            "connections", "duration", "warmup", "ops", "rate", "read-consistency", "write-consistency",
            "replication-factor", "verify-consistency", "verify-timeout", "request-timeout", "key-prefix", "seed",
            "json", "plot", "ca");
    static final Set<String> FLAGS = Set.of("no-load", "load-only", "no-verify", "durable");

    public static final String USAGE = String.join("\n",
            "usage: chorus bench [options]             run a workload against a cluster",
            "       chorus bench staleness [options]   measure the staleness profile (see chorus bench staleness --help)",
            "       chorus bench handoff write|verify  a node catching up after it was down (see chorus bench handoff --help)",
            "       chorus bench micro [JMH options]   micro-benchmarks of codec, version vectors, siblings and storage",
            "       chorus bench client-cpu [options]  the Java client's own CPU and context switches per operation",
            "       chorus bench instant-nodes [opts]  stand-in nodes answering at once from memory, to measure a client alone",
            "options (defaults in brackets):",
            "  --cluster HOST:PORT,...|local   [.chorus/cluster/cluster.addresses, else 127.0.0.1:7401-7403]",
            "                                  local: an in-process store, to see what the driver alone costs",
            "  --workload a|b|c|d|f|counter    [a] a 50% read/50% update, b 95/5, c read only,",
            "                                  d 95% read/5% insert of the latest keys, f 50% read/50% read-modify-write,",
            "                                  counter: CRDT counters, 50% increment by 1/50% read of the value",
            "  --read-proportion P             [0.5] counter workload: share of reads (0 to 1), the rest increments",
            "  --distribution uniform|zipfian|latest   [the workload's: zipfian, latest for d]",
            "  --records N                     [100000] keys loaded and used (counter: counters, whose start the load reads)",
            "  --value-size BYTES              [1000] every value (at least 20: each names the write that made it)",
            "  --threads N                     [32] driver threads, one operation in flight each",
            "  --connections N                 [1] clients (each with one connection per node), shared by the threads",
            "  --duration D                    [60s] run length (60s, 500ms, 2m); 0 with --ops for no time bound",
            "  --ops N                         [none] stop after N operations",
            "  --warmup D                      [0s] run unmeasured first, for the JITs",
            "  --rate N                        [none: closed loop] open loop at N ops/s in total; latency is",
            "                                  measured from each operation's intended start",
            "  --read-consistency L            [quorum] one, two, quorum or all",
            "  --write-consistency L           [quorum]",
            "  --ca FILE                       talk TLS to the cluster, trusting this CA (e.g. .chorus/cluster/tls/ca.pem)",
            "  --durable                       every write (put, increment) is acknowledged only once on disk",
            "                                  (fsync) on W replicas; without it, once in their page cache",
            "  --replication-factor N          [3] only to tell whether R+W>N promises fresh reads",
            "  --no-load | --load-only         skip the load phase / only load",
            "  --no-verify                     skip the final read-back of every acknowledged write (or counter)",
            "  --verify-consistency L          [all] level of the final read-back",
            "  --verify-timeout D              [30s] keep re-reading keys that miss a write until then",
            "  --request-timeout D             [5s] the client's per-request timeout",
            "  --key-prefix P                  [user; counter for the counter workload] keys are P0, P1, ...",
            "  --seed N                        [random] key and operation choice",
            "  --json FILE                     write results and percentile distributions as JSON",
            "  --plot FILE                     latency-percentile chart: FILE.png, FILE.svg or FILE.html",
            "Exit codes: 0 pass; 1 a check failed (stale reads with R+W>N, an acknowledged write not readable,",
            "or a counter off its acknowledged increments); 2 bad arguments; 3 the cluster could not be reached.");

    private RunCommand() {
    }

    static BenchConfig config(Options o) {
        Workload workload = Workload.parse(o.text("workload", "a"));
        OperationMix mix = mix(o, workload);
        KeyDistribution distribution = o.has("distribution") ? KeyDistribution.parse(o.text("distribution", null)) : workload.defaultDistribution();
        long records = o.longValue("records", 100_000);
        long keysMax = records + (mix.includes(OpType.INSERT) ? INSERTED_KEYS_MAX : 0);
        Duration duration = o.duration("duration", Duration.ofSeconds(60));
        long ops = o.longValue("ops", Long.MAX_VALUE);
        if (duration.isZero() && ops == Long.MAX_VALUE) throw new IllegalArgumentException("--duration 0 needs --ops, or the run never ends");
        if (ops < 1) throw new IllegalArgumentException("--ops must be >= 1, got " + ops);
        double rate = o.doubleValue("rate", 0);
        if (o.has("rate") && !(rate > 0)) throw new IllegalArgumentException("--rate must be > 0 ops/s, got " + rate);
        boolean loadOnly = o.has("load-only");
        if (loadOnly && o.has("no-load")) throw new IllegalArgumentException("--load-only and --no-load exclude each other");
        Path json = o.has("json") ? Path.of(o.text("json", null)) : null;
        Path plot = o.has("plot") ? Path.of(o.text("plot", null)) : null;
        if (plot != null) PlotWriter.checkName(plot);
        long seed = o.has("seed") ? o.longValue("seed", 0) : new SplittableRandom().nextLong();
        boolean durable = o.has("durable");
        if (durable && Clusters.LOCAL.equals(o.text("cluster", null))) {
            throw new IllegalArgumentException("--durable needs a cluster: the in-process store (--cluster local) keeps nothing on disk");
        }
        return new BenchConfig(workload, distribution, mix, records, keysMax, o.intValue("value-size", 1000),
                o.intValue("threads", 32), o.intValue("connections", 1), duration, o.duration("warmup", Duration.ZERO), ops, rate,
                Consistency.parse(o.text("read-consistency", "quorum")), Consistency.parse(o.text("write-consistency", "quorum")),
                durable, o.intValue("replication-factor", 3), !o.has("no-load"), !loadOnly, !o.has("no-verify"),
                Consistency.parse(o.text("verify-consistency", "all")), o.duration("verify-timeout", Duration.ofSeconds(30)),
                o.duration("request-timeout", Duration.ofSeconds(5)), o.text("key-prefix", workload.defaultKeyPrefix()), seed, json, plot);
    }

    /** YCSB's core workloads keep their fixed mixes; the counter workload's read share is an option. */
    private static OperationMix mix(Options o, Workload workload) {
        if (!o.has("read-proportion")) return workload.mix();
        if (!workload.counters()) {
            throw new IllegalArgumentException("--read-proportion only applies to --workload counter (a, b, c, d and f have YCSB's fixed mixes)");
        }
        double share = o.doubleValue("read-proportion", 0.5);
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("--read-proportion must be between 0 and 1, got " + share);
        return Workload.counterMix(share);
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) throws InterruptedException {
        BenchConfig config;
        String clusterOption;
        String caFile;
        String target;
        try {
            Options o = Options.parse(args, VALUED, FLAGS);
            config = config(o);
            new io.chorus.bench.workload.Values(0, config.valueBytes()); // checks the size before connecting
            clusterOption = o.text("cluster", null);
            caFile = o.text("ca", null);
            target = Clusters.describe(clusterOption, workingDirectory) + (caFile == null ? "" : " over TLS");
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.EXIT_USAGE;
        }
        List<Store> stores;
        try {
            stores = Clusters.open(clusterOption, workingDirectory, config.connections(), config.requestTimeout(),
                    config.durableWrites() ? WriteOptions.DURABLE : WriteOptions.DEFAULT, caFile == null ? null : Path.of(caFile));
        } catch (RuntimeException e) {
            err.println("cannot reach " + target + ": " + e.getMessage());
            return Commands.EXIT_UNREACHABLE;
        }
        try {
            out.println("chorus bench: " + target + ", seed " + config.seed());
            Driver driver = new Driver(config, stores, Ticker.SYSTEM, out, new SplittableRandom().nextInt());
            return Commands.whileInterruptible(driver::stop, () -> {
                BenchResult result = driver.run(target);
                Summary.print(result, out);
                writeFiles(result, out, err);
                return result.passed() ? Commands.EXIT_OK : Commands.EXIT_CHECK_FAILED;
            });
        } finally {
            stores.forEach(Store::close);
        }
    }

    private static void writeFiles(BenchResult result, PrintStream out, PrintStream err) {
        BenchConfig c = result.config();
        try {
            if (c.jsonFile() != null) {
                JsonReport.write(result, c.jsonFile());
                out.println("results written to " + c.jsonFile());
            }
            if (c.plotFile() != null && (result.run() != null || result.load() != null)) {
                PlotWriter.write(PercentilePlots.of(result), c.plotFile());
                out.println("latency plot written to " + c.plotFile());
            }
        } catch (IOException e) {
            err.println("cannot write results: " + e.getMessage());
        }
    }
}
