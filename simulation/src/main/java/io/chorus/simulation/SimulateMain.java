package io.chorus.simulation;

import io.chorus.simulation.run.BatchSummary;
import io.chorus.simulation.run.RegressionSeeds;
import io.chorus.simulation.run.SeedBatch;
import io.chorus.simulation.run.SeedRunner;
import io.chorus.simulation.world.ReplicaFactory;
import io.chorus.simulation.world.RunOptions;
import io.chorus.simulation.world.RunParameters;
import io.chorus.simulation.world.RunResult;
import io.chorus.simulation.world.Trace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./chorus simulate}: replays one seed ({@code --seed N}, with {@code --trace} for its event
 * trace), runs many ({@code --seeds N [--from S]}), or the regression list ({@code --regression}).
 * Exits 0 if every seed passed, 1 if any failed, 2 on a usage error.
 */
public final class SimulateMain {
    private static final String USAGE = """
            usage: simulate --seed N [--trace]          replay one seed: parameters, summary, and on failure why
                   simulate --seeds N [--from S]        run seeds S..S+N-1 (S defaults to 1)
                   simulate --regression                run the seeds that once failed (and the open ones)
            options: --virtual-seconds S   length of the safety phase (faults on), default 60
                     --power-loss          crashes may also drop unsynced storage writes (storage does not fsync:
                                           expect durability findings)
                     --late-duplicates     a duplicated peer message may trail the original by up to 10s
                     --no-crdt             no CRDT clients (the runs of seeds found before they existed)
                     --no-client-reads     clients only write during the fault phase, so that read repair cannot
                                           fix anything: anti-entropy alone must converge the replicas after heal
                     --threads T           seeds run in parallel, default: available processors""";

    private SimulateMain() {
    }

    public static void main(String[] args) {
        // Invariant assertions stay on in the simulator as in tests, whatever flags the JVM got.
        SimulateMain.class.getClassLoader().setPackageAssertionStatus("io.chorus", true);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Long seed = null, count = null;
        long from = 1;
        int seconds = 60, threads = Runtime.getRuntime().availableProcessors();
        boolean trace = false, powerLoss = false, lateDuplicates = false, noCrdt = false, noClientReads = false, regression = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--seeds" -> count = Long.parseLong(value(args, ++i, "--seeds"));
                    case "--from" -> from = Long.parseLong(value(args, ++i, "--from"));
                    case "--virtual-seconds" -> seconds = Integer.parseInt(value(args, ++i, "--virtual-seconds"));
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i, "--threads"));
                    case "--trace" -> trace = true;
                    case "--power-loss" -> powerLoss = true;
                    case "--late-duplicates" -> lateDuplicates = true;
                    case "--no-crdt" -> noCrdt = true;
                    case "--no-client-reads" -> noClientReads = true;
                    case "--regression" -> regression = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument \"" + args[i] + "\"");
                }
            }
            if ((seed != null ? 1 : 0) + (count != null ? 1 : 0) + (regression ? 1 : 0) != 1) {
                throw new IllegalArgumentException("give exactly one of --seed, --seeds, --regression");
            }
            if (seconds < 1) throw new IllegalArgumentException("--virtual-seconds must be at least 1, was " + seconds);
            if (count != null && (count < 1 || count > Integer.MAX_VALUE)) throw new IllegalArgumentException("--seeds must be at least 1, was " + count);
            if (trace && seed == null) throw new IllegalArgumentException("--trace needs --seed");
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        RunOptions options = new RunOptions(seconds, powerLoss, lateDuplicates, noCrdt, noClientReads);
        if (seed != null) return replay(seed, options, trace, out);
        if (regression) return regression(out);
        return batch(SeedBatch.range(from, count.intValue()), options, threads, out);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    private static int replay(long seed, RunOptions options, boolean trace, PrintStream out) {
        out.println(RunParameters.draw(seed, options).describe());
        RunResult result = SeedRunner.run(seed, options, ReplicaFactory.PRODUCTION, trace ? Trace.printingTo(out) : Trace.OFF);
        out.println(result.summary());
        if (!result.passed()) {
            out.print(result.explanation());
            out.println("replay: " + result.replayCommand());
        }
        return result.passed() ? 0 : 1;
    }

    private static int batch(List<Long> seeds, RunOptions options, int threads, PrintStream out) {
        BatchSummary summary = SeedBatch.run(seeds, options, ReplicaFactory.PRODUCTION, threads, result -> {
            if (!result.passed()) printFailure(result, out);
        });
        out.println(summary);
        return summary.passed() ? 0 : 1;
    }

    /** Fixed entries must pass; open ones are known bugs, reported as still open or as apparently fixed. */
    private static int regression(PrintStream out) {
        int broken = 0, open = 0;
        for (RegressionSeeds.Entry entry : RegressionSeeds.load()) {
            RunResult result = SeedRunner.run(entry.seed(), entry.options());
            if (entry.open()) {
                open++;
                out.println((result.passed() ? "open seed " + entry.seed() + " passes now (drop its `open`): "
                        : "open seed " + entry.seed() + " still fails, as known: ") + entry.note());
            } else if (!result.passed()) {
                broken++;
                printFailure(result, out);
            }
        }
        out.println(RegressionSeeds.load().size() + " regression seeds, " + open + " open, " + broken + " fixed ones failing again");
        return broken == 0 ? 0 : 1;
    }

    private static void printFailure(RunResult result, PrintStream out) {
        out.println("FAILED " + result.summary());
        out.print(result.explanation());
        out.println("  replay: " + result.replayCommand());
    }
}
