package io.chorus.torture;

import io.chorus.replication.config.InjectedBug;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./chorus torture} runs: which seeds, how long each applies faults, the cluster's
 * shape and ports, and optionally a planted bug the run must catch.
 *
 * @param seeds       one run per seed, in order
 * @param faultMillis the planned length of each run's fault schedule (restarts of killed nodes lengthen it; setup, heal and checks come on top)
 * @param plantedBug  a protocol bug every node runs with, or null
 * @param keepAll     keep every run's directory, not only the failed ones'
 */
public record TortureOptions(List<Long> seeds, long faultMillis, int nodes, int clients, int basePort, Path dir,
                             InjectedBug plantedBug, boolean keepAll) {
    static final long DURATION_DEFAULT_MILLIS = 60_000;
    static final int NODES_DEFAULT = 5;
    static final int CLIENTS_DEFAULT = 4;
    static final int BASE_PORT_DEFAULT = 7700;

    public TortureOptions {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seed to run");
        if (faultMillis < 5_000) throw new IllegalArgumentException("--duration must be at least 5s, was " + faultMillis + " ms");
        if (nodes < 3 || nodes > 9) throw new IllegalArgumentException("--nodes must be 3 to 9, was " + nodes);
        if (clients < 1 || clients > 32) throw new IllegalArgumentException("--clients must be 1 to 32, was " + clients);
        if (basePort < 1024 || basePort + nodes > 65535) throw new IllegalArgumentException("--base-port must leave room for " + nodes + " ports");
    }

    public static TortureOptions of(long seed, long faultMillis, InjectedBug bug) {
        return new TortureOptions(List.of(seed), faultMillis, NODES_DEFAULT, CLIENTS_DEFAULT, BASE_PORT_DEFAULT,
                Path.of(System.getProperty("java.io.tmpdir"), "chorus-torture"), bug, false);
    }

    public static final String USAGE = """
            usage: chorus torture [--seed N | --seeds COUNT [--first-seed N]] [--duration 60s] [--nodes 5] [--clients 4]
                                  [--base-port 7700] [--dir DIR] [--planted-bug ACK_BEFORE_QUORUM] [--keep]
              Starts a cluster of real node processes on 127.0.0.1, runs client threads against it while a
              nemesis partitions, drops, kills, pauses and skews clocks (network faults need root and nftables,
              clock jumps need libfaketime), heals, and judges the history with the simulator's checkers.
              Exit status 0 when every run is valid, 1 when a checker found a violation, 2 on a usage error.""";

    public static TortureOptions parse(List<String> args) {
        Long seed = null;
        int seedCount = 1;
        long firstSeed = 1;
        long millis = DURATION_DEFAULT_MILLIS;
        int nodes = NODES_DEFAULT;
        int clients = CLIENTS_DEFAULT;
        int basePort = BASE_PORT_DEFAULT;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "chorus-torture");
        InjectedBug bug = null;
        boolean keep = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
            String value = args.get(++i);
            switch (flag) {
                case "--seed" -> seed = number(flag, value);
                case "--seeds" -> seedCount = (int) number(flag, value);
                case "--first-seed" -> firstSeed = number(flag, value);
                case "--duration" -> millis = duration(value).toMillis();
                case "--nodes" -> nodes = (int) number(flag, value);
                case "--clients" -> clients = (int) number(flag, value);
                case "--base-port" -> basePort = (int) number(flag, value);
                case "--dir" -> dir = Path.of(value);
                case "--planted-bug" -> bug = bug(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        List<Long> seeds = new ArrayList<>();
        if (seed != null) seeds.add(seed);
        else for (int s = 0; s < seedCount; s++) seeds.add(firstSeed + s);
        return new TortureOptions(seeds, millis, nodes, clients, basePort, dir, bug, keep);
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, got '" + value + "'");
        }
    }

    /** {@code 90s}, {@code 2m}, {@code 1500ms}, or plain seconds. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration takes a time like 60s, 2m or 1500ms, got '" + text + "'");
        }
    }

    private static InjectedBug bug(String name) {
        try {
            return InjectedBug.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--planted-bug must be one of " + List.of(InjectedBug.values()) + ", got '" + name + "'");
        }
    }
}
