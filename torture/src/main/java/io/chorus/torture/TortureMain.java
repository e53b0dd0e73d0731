package io.chorus.torture;

import io.chorus.torture.cluster.NodeJvm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code ./chorus torture}: one run per seed, a summary at the end; exit status 1 if any run found a violation. */
public final class TortureMain {
    private TortureMain() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(TortureOptions.USAGE);
            return 0;
        }
        TortureOptions options;
        try {
            options = TortureOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("chorus torture: " + e.getMessage());
            err.println(TortureOptions.USAGE);
            return 2;
        }
        List<RunResult> results = runAll(options, out);
        long invalid = results.stream().filter(r -> !r.valid()).count();
        long ops = results.stream().mapToLong(r -> r.ops().size()).sum();
        out.println("torture: " + results.size() + " run(s), " + ops + " ops checked, " + (results.size() - invalid) + " valid, " + invalid + " invalid"
                + (invalid == 0 ? "" : "; failing seeds " + results.stream().filter(r -> !r.valid()).map(RunResult::seed).toList()));
        return invalid == 0 ? 0 : 1;
    }

    /** Runs every seed of {@code options}, printing each run's report as it ends. */
    public static List<RunResult> runAll(TortureOptions options, PrintStream out) {
        NodeJvm jvm = NodeJvm.ofCurrent(options.dir().resolve("lib"));
        List<RunResult> results = new ArrayList<>();
        for (long seed : options.seeds()) {
            RunResult result = new TortureRun(options, seed, jvm, out).run();
            result.print(out);
            out.flush();
            results.add(result);
        }
        return results;
    }
}
