package io.chorus.torture;

import io.chorus.client.ChorusClient;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.check.Checker;
import io.chorus.simulation.check.Checkers;
import io.chorus.simulation.check.ConvergenceChecker;
import io.chorus.simulation.check.FinalState;
import io.chorus.simulation.check.Violation;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.torture.cluster.LocalCluster;
import io.chorus.torture.cluster.NodeJvm;
import io.chorus.torture.cluster.NodeProcess;
import io.chorus.torture.cluster.Shell;
import io.chorus.torture.nemesis.FaultSchedule;
import io.chorus.torture.nemesis.Firewall;
import io.chorus.torture.nemesis.Nemesis;
import io.chorus.torture.nemesis.TimedFault;
import io.chorus.torture.observe.WatchLogs;
import io.chorus.torture.workload.Recorder;
import io.chorus.torture.workload.Worker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One seed on real processes: start the cluster; clients and nemesis for the fault duration; stop
 * the clients, heal everything and wait, with no traffic, until the replicas agree (anti-entropy);
 * a liveness window of clients on the healed cluster; wait until the replicas agree again; stop the
 * nodes cleanly; judge the history and the replicas' final state with the simulator's checkers.
 * The phases and their marks are those of the simulator's runs, in real time.
 */
public final class TortureRun {
    private static final long CONVERGENCE_DEADLINE_MILLIS = 60_000;
    private static final long LIVENESS_WINDOW_MILLIS = 5_000;
    private static final long CONVERGENCE_POLL_MILLIS = 500;
    private static final long WORKER_STOP_MILLIS = 60_000;
    /** Restarts of killed nodes lengthen the fault phase beyond its planned duration; past this much more, something is stuck. */
    private static final long SCHEDULE_SLACK_MILLIS = 300_000;
    private static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofSeconds(6);

    private final TortureOptions options;
    private final long seed;
    private final NodeJvm jvm;
    private final PrintStream out;
    private final Map<String, List<Violation>> verdicts = new LinkedHashMap<>();
    private final List<Violation> harness = new ArrayList<>();

    TortureRun(TortureOptions options, long seed, NodeJvm jvm, PrintStream out) {
        this.options = options;
        this.seed = seed;
        this.jvm = jvm;
        this.out = out;
    }

    RunResult run() {
        long startNanos = System.nanoTime();
        Path runDir = RunFiles.freshDir(options.dir().resolve("seed-" + seed));
        boolean network = Shell.isRoot() && Shell.works("nft", "--version");
        List<TimedFault> schedule = FaultSchedule.draw(seed, options.faultMillis(), options.nodes(), network, jvm.canSkewClocks());
        out.println("seed " + seed + ": " + options.nodes() + " nodes, " + options.clients() + " clients, "
                + options.faultMillis() / 1000 + " s of faults" + (options.plantedBug() == null ? "" : ", planted bug " + options.plantedBug())
                + (network ? "" : " (not root or no nft: network faults off)") + (jvm.canSkewClocks() ? "" : " (no libfaketime: clock jumps off)"));
        out.println("  fault schedule (rerun with --seed " + seed + "):");
        for (TimedFault fault : schedule) out.println("    " + fault);
        out.flush();
        List<String> properties = options.plantedBug() == null ? List.of() : List.of("-Dchorus.test.injectedBugs=" + options.plantedBug());
        java.util.Set<Integer> skewed = new java.util.TreeSet<>();
        for (TimedFault timed : schedule) {
            if (timed.fault() instanceof io.chorus.torture.nemesis.Fault.ClockSkew skew) skewed.add(skew.node());
        }
        LocalCluster cluster = LocalCluster.create(runDir, options.nodes(), options.basePort(), network, jvm, properties, skewed);
        Thread killer = new Thread(cluster::close, "torture-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(killer);
        Recorder recorder = new Recorder();
        Nemesis nemesis = null;
        List<String> nemesisLog = List.of();
        FinalState finalState = null;
        try (Firewall firewall = network ? Firewall.open(options.basePort()) : null) {
            cluster.start();
            List<ChorusClient> clients = connect(cluster);
            try {
                nemesis = new Nemesis(cluster, firewall, schedule);
                Workers faulty = Workers.start(clients, cluster.addresses(), recorder, seed, 0);
                nemesis.start();
                if (!nemesis.awaitSchedule(options.faultMillis() * 3 + SCHEDULE_SLACK_MILLIS)) {
                    harness.add(new Violation("harness", "the nemesis did not finish its schedule in time"));
                }
                stopWorkers(faulty);
                nemesis.stopAndHeal();
                nemesisLog = nemesis.log();
                if (nemesis.failure() != null) harness.add(new Violation("harness", "the nemesis failed: " + nemesis.failure()));
                finalState = recover(cluster, recorder, clients);
            } finally {
                clients.forEach(ChorusClient::close);
            }
        } catch (RuntimeException e) {
            harness.add(new Violation("harness", "the run failed: " + e));
            if (nemesis != null) nemesisLog = nemesis.log();
        } finally {
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        History history = recorder.history();
        judge(history, finalState);
        List<Op> ops = history.ops();
        boolean valid = verdicts.values().stream().allMatch(List::isEmpty);
        boolean keep = !valid || options.keepAll();
        RunFiles.write(runDir, schedule, nemesisLog, ops, verdicts);
        if (!keep) RunFiles.delete(runDir);
        return new RunResult(seed, schedule.stream().map(TimedFault::toString).toList(), nemesisLog, ops, verdicts, runDir, keep,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    private List<ChorusClient> connect(LocalCluster cluster) {
        List<ChorusClient> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            clients.add(ChorusClient.builder().seeds(cluster.addresses()).requestTimeout(CLIENT_REQUEST_TIMEOUT).crdtAttemptsMax(3).build());
        }
        return clients;
    }

    /** Heal marks, convergence with no traffic, the liveness window, settling; then the nodes stop and the final state is read. */
    private FinalState recover(LocalCluster cluster, Recorder recorder, List<ChorusClient> clients) {
        History history = recorder.history();
        recorder.markHealed();
        history.markConvergenceDeadline(recorder.nowMicros() + CONVERGENCE_DEADLINE_MILLIS * 1_000);
        if (awaitConvergence(cluster)) history.markConverged(recorder.nowMicros());
        long livenessFrom = recorder.nowMicros();
        Workers healthy = Workers.start(clients, cluster.addresses(), recorder, seed, clients.size());
        sleep(LIVENESS_WINDOW_MILLIS);
        history.markLivenessWindow(livenessFrom, recorder.nowMicros());
        stopWorkers(healthy);
        history.markSettleDeadline(recorder.nowMicros() + CONVERGENCE_DEADLINE_MILLIS * 1_000);
        if (awaitConvergence(cluster)) history.markSettled(recorder.nowMicros());
        cluster.stop();
        WatchLogs watch = WatchLogs.replay(watchLogs(cluster), history);
        watch.problems().forEach(problem -> harness.add(new Violation("harness", "storage watch log: " + problem)));
        return state(cluster, watch);
    }

    private boolean awaitConvergence(LocalCluster cluster) {
        long deadline = System.nanoTime() + CONVERGENCE_DEADLINE_MILLIS * 1_000_000;
        ConvergenceChecker convergence = new ConvergenceChecker();
        while (System.nanoTime() < deadline) {
            if (convergence.check(new History(), state(cluster, WatchLogs.replay(watchLogs(cluster), null))).isEmpty()) return true;
            sleep(CONVERGENCE_POLL_MILLIS);
        }
        return false;
    }

    private static FinalState state(LocalCluster cluster, WatchLogs watch) {
        return new FinalState(watch.states(), cluster.placement().membership().ring(), cluster.placement().replicationFactor());
    }

    private static Map<NodeId, Path> watchLogs(LocalCluster cluster) {
        Map<NodeId, Path> logs = new TreeMap<>();
        for (NodeProcess node : cluster.nodes()) logs.put(NodeId.of(node.name()), node.storageWatch());
        return logs;
    }

    private void stopWorkers(Workers workers) {
        List<String> stuck = workers.stop(WORKER_STOP_MILLIS);
        for (String name : stuck) harness.add(new Violation("harness", name + " did not finish its operation within " + WORKER_STOP_MILLIS + " ms"));
    }

    private void judge(History history, FinalState state) {
        verdicts.put("harness", harness);
        if (state == null) return; // the run failed before it could be judged: the harness verdict says why
        for (String anomaly : history.anomalies()) harness.add(new Violation("harness", anomaly));
        for (Checker checker : Checkers.all()) verdicts.put(checker.name(), checker.check(history, state));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
