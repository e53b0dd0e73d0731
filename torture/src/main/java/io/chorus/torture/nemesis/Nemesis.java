package io.chorus.torture.nemesis;

import io.chorus.torture.cluster.LocalCluster;
import io.chorus.torture.cluster.NodeProcess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Applies a fault schedule to a running cluster on a thread of its own, undoing each fault when its
 * time is up (the schedule's gaps and lengths are kept; its start times shift by however long a
 * restart took); {@link #stopAndHeal} undoes whatever is still in force, whatever happened. Every step
 * is logged with the real time it happened, for the run's report.
 */
public final class Nemesis {
    private final LocalCluster cluster;
    private final Firewall firewall; // null: no network faults on this machine
    private final List<TimedFault> schedule;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final long startNanos;
    private volatile boolean stopping;
    private volatile Throwable failure;

    public Nemesis(LocalCluster cluster, Firewall firewall, List<TimedFault> schedule) {
        this.cluster = cluster;
        this.firewall = firewall;
        this.schedule = List.copyOf(schedule);
        this.thread = new Thread(this::run, "torture-nemesis");
        this.thread.setDaemon(true);
        this.startNanos = System.nanoTime();
    }

    public void start() {
        thread.start();
    }

    /**
     * Applies the faults one after the other, each for its full length and after its calm gap,
     * counted from when the previous fault was actually undone: restarting a killed node takes
     * seconds, and a schedule kept to the clock would squeeze the faults after it to nothing.
     */
    private void run() {
        long previousEndMillis = 0;
        try {
            for (TimedFault timed : schedule) {
                if (!sleepFor(timed.startMillis() - previousEndMillis)) return;
                apply(timed.fault());
                note("applied " + timed.fault().describe());
                boolean onTime = sleepFor(timed.durationMillis());
                String effect = undo(timed.fault());
                note("undone  " + timed.fault().describe() + effect);
                previousEndMillis = timed.endMillis();
                if (!onTime) return;
            }
        } catch (RuntimeException e) {
            if (stopping) return; // stopAndHeal interrupted a command; it undoes everything itself
            failure = e;
            note("nemesis failed: " + e.getMessage());
        }
    }

    /** Waits until every fault of the schedule was applied and undone; false if still busy after {@code timeoutMillis}. */
    public boolean awaitSchedule(long timeoutMillis) {
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void apply(Fault fault) {
        if (fault instanceof Fault.Partition partition) {
            for (List<Integer> side : partition.sides()) {
                for (List<Integer> other : partition.sides()) {
                    if (side == other) continue;
                    for (int from : side) {
                        for (int to : other) firewall.drop(node(from), node(to), 100);
                    }
                }
            }
        } else if (fault instanceof Fault.OneWay oneWay) {
            firewall.drop(node(oneWay.from()), node(oneWay.to()), 100);
        } else if (fault instanceof Fault.Loss loss) {
            for (NodeProcess other : cluster.nodes()) {
                if (other == node(loss.node())) continue;
                firewall.drop(node(loss.node()), other, loss.percent());
                firewall.drop(other, node(loss.node()), loss.percent());
            }
        } else if (fault instanceof Fault.Kill kill) {
            node(kill.node()).kill();
        } else if (fault instanceof Fault.Pause pause) {
            node(pause.node()).pause();
        } else if (fault instanceof Fault.ClockSkew skew) {
            node(skew.node()).setClockOffset(skew.offsetSeconds());
        }
    }

    /** Undoes {@code fault}; returns what it did, for the log (the packets a network fault dropped). */
    private String undo(Fault fault) {
        if (fault.network()) {
            return " (" + firewall.heal() + " packets dropped)";
        } else if (fault instanceof Fault.Kill) {
            cluster.restartDead();
        } else if (fault instanceof Fault.Pause pause) {
            node(pause.node()).resume();
        } else if (fault instanceof Fault.ClockSkew skew) {
            node(skew.node()).setClockOffset(0);
        }
        return "";
    }

    /**
     * Stops applying faults and undoes every one: the network whole, clocks true, every node
     * resumed and the killed ones restarted. Safe to call whatever state the run is in.
     */
    public void stopAndHeal() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(120));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        healAll(cluster, firewall);
        note("healed: network whole, clocks true, every node running");
    }

    /** Undoes every kind of fault at once. */
    public static void healAll(LocalCluster cluster, Firewall firewall) {
        if (firewall != null) firewall.heal();
        for (NodeProcess node : cluster.nodes()) node.setClockOffset(0);
        cluster.restartDead();
    }

    /** The nemesis's own failure (a command that failed), or null. */
    public Throwable failure() {
        return failure;
    }

    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private NodeProcess node(int index) {
        return cluster.node(index);
    }

    private void note(String what) {
        log.add(String.format(Locale.ROOT, "%7.1fs  %s", (System.nanoTime() - startNanos) / 1e9, what));
    }

    /** Sleeps {@code millis}; false if stopped first. */
    private boolean sleepFor(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return true;
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            } catch (InterruptedException e) {
                if (stopping) return false;
            }
        }
        return false;
    }
}
