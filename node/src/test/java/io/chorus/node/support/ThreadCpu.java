package io.chorus.node.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time a process has used, per thread group, from Linux's /proc/PID/task/TID/stat (user + system
 * clock ticks, 100 a second): where a process's CPU goes without a profiler. Threads are grouped by
 * name with trailing digits and dashes dropped ("chorus-io-n1-1-2" and "chorus-io-n1-1-1" are one
 * group); threads that ended since the last snapshot are not counted.
 */
public final class ThreadCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private ThreadCpu() {
    }

    /** CPU seconds per thread group of process {@code pid}, now (empty where /proc is not there). */
    public static Map<String, Double> snapshot(long pid) {
        Map<String, Double> groups = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) return groups;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[-#0-9 ]+$", "");
                String[] fields = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // utime, stime
                groups.merge(name, seconds, Double::sum);
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** after - before per group (groups only in {@code after}: all of theirs). */
    public static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((group, seconds) -> delta.put(group, seconds - before.getOrDefault(group, 0.0)));
        return delta;
    }

    public static double total(Map<String, Double> groups) {
        return groups.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The groups that used at least 1 % of the total, most first: "name 1.23 s, ...". */
    public static String describe(Map<String, Double> groups) {
        double total = total(groups);
        StringBuilder out = new StringBuilder();
        groups.entrySet().stream().filter(e -> e.getValue() >= total / 100 && e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(String.format("%s %.2f s", e.getKey(), e.getValue())));
        return out.toString();
    }
}
