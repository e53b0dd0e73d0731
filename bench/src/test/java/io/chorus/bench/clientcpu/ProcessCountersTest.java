package io.chorus.bench.clientcpu;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessCountersTest {
    @Test
    void processCpuGrowsByAtLeastWhatThisThreadBurned() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        ProcessCounters before = ProcessCounters.read();
        long threadCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long sink = 0;
        while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore < 300_000_000L) sink += sink * 31 + 7;
        ProcessCounters after = ProcessCounters.read();
        long burnedNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore;
        long processNanos = after.userNanos() + after.systemNanos() - before.userNanos() - before.systemNanos();
        // /proc counts in 10 ms ticks: allow two of them of rounding
        assertTrue(processNanos >= burnedNanos - 20_000_000L, "process CPU grew " + processNanos + " ns, this thread alone burned " + burnedNanos + " (" + sink + ")");
        assertTrue(after.voluntary() >= before.voluntary() && after.involuntary() >= before.involuntary(), "switch counts went down");
        assertTrue(after.threadGroupNanos().getOrDefault("main", 0L) + after.threadGroupNanos().values().stream().mapToLong(Long::longValue).sum() > 0,
                "no thread CPU: " + after.threadGroupNanos());
    }
}
