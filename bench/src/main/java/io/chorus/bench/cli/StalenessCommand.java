package io.chorus.bench.cli;

import io.chorus.bench.check.StalenessPoint;
import io.chorus.bench.report.PlotWriter;
import io.chorus.bench.report.StalenessReport;
import io.chorus.bench.run.ReadVia;
import io.chorus.bench.run.StalenessProbe;
import io.chorus.bench.run.Ticker;
import io.chorus.bench.store.Store;
import io.chorus.client.WriteOptions;
import io.chorus.replication.state.Consistency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** {@code chorus bench staleness}: a measured probabilistically bounded staleness curve. */
final class StalenessCommand {
    static final Set<String> VALUED = Set.of("cluster", "delays", "samples", "threads", "read-consistency",
            "read-via", "write-consistency", "value-size", "request-timeout", "json", "plot");

    static final String USAGE = String.join("\n",
            "usage: chorus bench staleness [options]",
            "For each delay t: write a new key (through its first replica), wait t after the acknowledgement, read",
            "it; report the share of reads that miss the write (probabilistically bounded staleness), with a 95%",
            "interval.",
            "  --cluster HOST:PORT,...|local   [as chorus bench]",
            "  --delays MS,MS,...              [0,1,2,5,10,20,50] values of t in milliseconds",
            "  --samples N                     [200] probes per delay",
            "  --threads N                     [4] probes in flight",
            "  --write-consistency L           [one]",
            "  --read-consistency L            [one]",
            "  --read-via other|same           [other] read through the key's second replica: at ONE it answers from",
            "                                  its own copy, so a miss is replication lag; same: through the node",
            "                                  that took the write (at ONE it minted it: read-your-writes, never stale)",
            "  --value-size BYTES              [100]",
            "  --request-timeout D             [5s]",
            "  --json FILE, --plot FILE        results as JSON; chart of P(miss) against t (.png, .svg, .html)",
            "Every probe writes a fresh key (prefix pbs-<run>-), so N x delays keys stay in the store.");

    private StalenessCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) throws InterruptedException {
        if (args.length > 0 && List.of("help", "--help", "-h").contains(args[0])) {
            out.println(USAGE);
            return Commands.EXIT_OK;
        }
        int runId = new SplittableRandom().nextInt();
        StalenessProbe.Config config;
        String clusterOption;
        String target;
        Path json;
        Path plot;
        Duration requestTimeout;
        try {
            Options o = Options.parse(args, VALUED, Set.of());
            double[] delays = Arrays.stream(o.text("delays", "0,1,2,5,10,20,50").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(s -> parseDelay(s)).toArray();
            requestTimeout = o.duration("request-timeout", Duration.ofSeconds(5));
            config = new StalenessProbe.Config(delays, o.intValue("samples", 200), o.intValue("threads", 4),
                    Consistency.parse(o.text("write-consistency", "one")), Consistency.parse(o.text("read-consistency", "one")),
                    ReadVia.parse(o.text("read-via", "other")),
                    String.format("pbs-%08x-", runId), o.intValue("value-size", 100),
                    requestTimeout.multipliedBy(2).plusSeconds(1).toNanos());
            new io.chorus.bench.workload.Values(runId, config.valueBytes());
            json = o.has("json") ? Path.of(o.text("json", null)) : null;
            plot = o.has("plot") ? Path.of(o.text("plot", null)) : null;
            if (plot != null) PlotWriter.checkName(plot);
            clusterOption = o.text("cluster", null);
            target = Clusters.describe(clusterOption, workingDirectory);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return Commands.EXIT_USAGE;
        }
        List<Store> stores;
        try {
            stores = Clusters.open(clusterOption, workingDirectory, 1, requestTimeout, WriteOptions.DEFAULT);
        } catch (RuntimeException e) {
            err.println("cannot reach " + target + ": " + e.getMessage());
            return Commands.EXIT_UNREACHABLE;
        }
        try {
            out.printf("chorus bench staleness: %s, write %s, read %s via %s, %d samples per delay, %d threads%n", target,
                    config.writeLevel(), config.readLevel(), config.readVia().displayName(), config.samplesPerDelay(), config.threads());
            StalenessProbe probe = new StalenessProbe(config, stores, Ticker.SYSTEM, runId);
            return Commands.whileInterruptible(probe::stop, () -> {
                List<StalenessPoint> points = probe.run(out);
                String heading = "staleness profile: " + target + ", write " + config.writeLevel() + ", read " + config.readLevel()
                        + " via " + (config.readVia() == ReadVia.OTHER ? "another replica" : "the same node");
                StalenessReport.print(heading, points, out);
                if (probe.firstError() != null) out.println("first error: " + probe.firstError());
                write(json, plot, heading, target, config, points, out, err);
                return Commands.EXIT_OK;
            });
        } finally {
            stores.forEach(Store::close);
        }
    }

    private static double parseDelay(String s) {
        try {
            return Double.parseDouble(s.endsWith("ms") ? s.substring(0, s.length() - 2) : s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--delays takes milliseconds separated by commas, got \"" + s + "\"");
        }
    }

    private static void write(Path json, Path plot, String heading, String target, StalenessProbe.Config config,
                              List<StalenessPoint> points, PrintStream out, PrintStream err) {
        try {
            if (json != null) {
                Files.writeString(json, StalenessReport.toJson(target, config.writeLevel().name(), config.readLevel().name(),
                        config.readVia().displayName(), points),
                        StandardCharsets.UTF_8);
                out.println("results written to " + json);
            }
            if (plot != null) {
                PlotWriter.write(StalenessReport.plot("chorus bench staleness", heading + ", " + config.samplesPerDelay()
                        + " samples per delay", points), plot);
                out.println("staleness plot written to " + plot);
            }
        } catch (IOException e) {
            err.println("cannot write results: " + e.getMessage());
        }
    }
}
