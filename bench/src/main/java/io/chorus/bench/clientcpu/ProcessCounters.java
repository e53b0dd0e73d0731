package io.chorus.bench.clientcpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reading of this JVM's CPU time (user and system, from {@code /proc/self/stat}), of its context
 * switches summed over all its threads ({@code /proc/self/task/}{@code *}{@code /status}: the
 * process's own status file counts only the main thread, which mostly sleeps) and of the CPU time
 * of each thread group (by name, digits dropped: {@code chorus-client-1-1} is {@code chorus-client-}).
 * Linux only; elsewhere the /proc figures read as -1.
 *
 * @param userNanos        CPU time in user mode of the whole process
 * @param systemNanos      CPU time in the kernel of the whole process
 * @param voluntary        switches where a thread blocked (and had to be woken again)
 * @param involuntary      switches where a runnable thread was preempted
 * @param threadGroupNanos CPU time per thread-name group, from the JVM (threads alive at the reading)
 */
record ProcessCounters(long userNanos, long systemNanos, long voluntary, long involuntary, Map<String, Long> threadGroupNanos,
                       Map<String, long[]> threadGroupSwitches) {
    /** {@code /proc}'s clock ticks; 100 on every Linux the project runs on (USER_HZ). */
    private static final long TICK_NANOS = 10_000_000L;

    static ProcessCounters read() {
        long user = -1;
        long system = -1;
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            user = Long.parseLong(fields[11]) * TICK_NANOS; // utime is field 14, the 12th after "(comm) "
            system = Long.parseLong(fields[12]) * TICK_NANOS;
        } catch (IOException | RuntimeException notLinux) {
            // stays -1
        }
        Map<String, long[]> switches = switches();
        long voluntary = switches == null ? -1 : switches.values().stream().mapToLong(s -> s[0]).sum();
        long involuntary = switches == null ? -1 : switches.values().stream().mapToLong(s -> s[1]).sum();
        return new ProcessCounters(user, system, voluntary, involuntary, threadGroups(), switches == null ? Map.of() : switches);
    }

    /** Voluntary and involuntary switches per thread group (the kernel's thread names, digits dropped); null off Linux. */
    private static Map<String, long[]> switches() {
        Map<String, long[]> groups = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String group = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "");
                    long[] counts = groups.computeIfAbsent(group, g -> new long[2]);
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) counts[0] += Long.parseLong(line.substring(24).trim());
                        if (line.startsWith("nonvoluntary_ctxt_switches:")) counts[1] += Long.parseLong(line.substring(27).trim());
                    }
                } catch (IOException threadEnded) {
                    // a thread that ended between the listing and the reading: its switches are gone anyway
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
        return groups;
    }

    private static Map<String, Long> threadGroups() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) continue;
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) continue;
            groups.merge(info.getThreadName().replaceAll("[0-9]+", ""), nanos, Long::sum);
        }
        return groups;
    }
}
