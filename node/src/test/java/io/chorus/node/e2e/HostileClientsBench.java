package io.chorus.node.e2e;

import io.chorus.client.ChorusClient;
import io.chorus.node.support.Attackers;
import io.chorus.node.support.FreePorts;
import io.chorus.node.support.JavaProcess;
import io.chorus.node.support.NodeProcess;
import io.chorus.node.support.ThreadCpu;
import io.chorus.replication.state.Consistency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints (asserts nothing) what hostile clients cost a node at full scale: one node in its own JVM
 * (-Xmx256m, every limit at its default), a well-behaved client doing one put or get at a time,
 * first alone, then beside {@link Attackers} (2,000 idle connections, 200 slow-loris senders and a
 * client that never reads its replies, each reopened when the node closes it). It prints the good
 * client's p50/p99/max in both phases, the node's largest heap (sampled every 200 ms from its
 * metrics), and the node's CPU per thread group (Linux /proc) in both phases: on a small machine the
 * attackers' own threads compete for the same cores, so the node's share tells what the node does.
 * <p>
 * Not a unit test: {@code java -cp <node test classpath> io.chorus.node.e2e.HostileClientsBench <dir>
 * [seconds=30] [idle=2000] [loris=200] [nonReaders=1]}; {@code -Dhostile.nodeFlags="-XX:StartFlightRecording=..."}
 * passes flags to the node's JVM (a profile). The CI-sized
 * variant, with assertions, is {@link HostileClientsTest}.
 */
public final class HostileClientsBench {
    static final int BIG_VALUE_BYTES = 512 << 10;

    public static void main(String[] args) throws Exception {
        bench(Path.of(args.length > 0 ? args[0] : "hostile-bench"), args.length > 1 ? Integer.parseInt(args[1]) : 30,
                args.length > 2 ? Integer.parseInt(args[2]) : 2000, args.length > 3 ? Integer.parseInt(args[3]) : 200,
                args.length > 4 ? Integer.parseInt(args[4]) : 1);
    }

    /**
     * The same from Maven (the name does not match the test patterns, so only when asked for):
     * {@code mvn -B -q -pl node -am test -Dtest=HostileClientsBench -Dsurefire.failIfNoSpecifiedTests=false
     * [-Dhostile.seconds=30 -Dhostile.idle=2000 -Dhostile.loris=200 -Dhostile.nonReaders=1]}.
     */
    @Test
    void fullScale(@TempDir Path dir) throws Exception {
        bench(dir, Integer.getInteger("hostile.seconds", 30), Integer.getInteger("hostile.idle", 2000),
                Integer.getInteger("hostile.loris", 200), Integer.getInteger("hostile.nonReaders", 1));
    }

    static void bench(Path dir, int seconds, int idle, int loris, int nonReaders) throws Exception {
        Files.createDirectories(dir);
        List<Integer> ports = FreePorts.pick(2);
        Path config = dir.resolve("node.properties");
        Files.writeString(config, String.join("\n", "node.listen = 127.0.0.1:" + ports.get(0), "metrics.port = " + ports.get(1),
                "node.dataDir = " + dir.resolve("data").toAbsolutePath()) + "\n");
        String flags = System.getProperty("hostile.nodeFlags", "");
        Process node = JavaProcess.start(flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+")), NodeProcess.class,
                config.toString());
        try {
            awaitReady(node, dir.resolve("node.log"));
            run(node.pid(), new InetSocketAddress("127.0.0.1", ports.get(0)), "http://127.0.0.1:" + ports.get(1) + "/metrics",
                    seconds, idle, loris, nonReaders);
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void run(long nodePid, InetSocketAddress address, String metrics, int seconds, int idle, int loris, int nonReaders)
            throws Exception {
        try (ChorusClient good = connect(address)) {
            good.put("big", new byte[BIG_VALUE_BYTES], Consistency.ONE);
            GoodClient.run(good, "warm", Duration.ofSeconds(Math.min(10, seconds))); // JIT both sides before measuring
            HeapWatch heap = new HeapWatch(metrics);
            Phase usual = Phase.measure(nodePid, heap, () -> GoodClient.run(good, "usual", Duration.ofSeconds(seconds)));
            long heapUsualMax = heap.takeMax();
            long attackerCpuBefore = ownCpuNanos();
            long openStart = System.nanoTime();
            Attackers attackers = Attackers.start(address, idle, loris, nonReaders, "big");
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            Phase attacked;
            long liveHeapAttacked;
            String counters;
            try {
                attacked = Phase.measure(nodePid, heap, () -> GoodClient.run(good, "attacked", Duration.ofSeconds(seconds)));
                liveHeapAttacked = heap.liveAfterGc(nodePid);
                counters = heap.refusals();
            } finally {
                attackers.close();
            }
            double attackerCpu = (ownCpuNanos() - attackerCpuBefore) / 1e9;
            heap.close();
            System.out.printf("hostile clients bench: %d idle, %d slow-loris, %d non-reader(s) (opened in %.1f s); the good client %d s a phase%n",
                    idle, loris, nonReaders, openSeconds, seconds);
            System.out.printf("  good client usual:        %s%n", usual.latencies());
            System.out.printf("  good client under attack: %s%n", attacked.latencies());
            System.out.printf("  p99 under attack / usual: %.2fx%n", attacked.p99() / usual.p99());
            System.out.printf("  node heap max (sampled every 200 ms): %d MiB usual, %d MiB under attack (-Xmx256m)%n",
                    heapUsualMax >> 20, heap.takeMax() >> 20);
            System.out.printf("  node heap live after a forced GC at the end of the attack: %d MiB%n", liveHeapAttacked >> 20);
            System.out.printf("  node refusals: %s%n", counters);
            System.out.printf("  node CPU usual:        %s%n", usual.cpu());
            System.out.printf("  node CPU under attack: %s%n", attacked.cpu());
            System.out.printf("  attackers: %d connections reopened after the node closed them, non-readers cut off %d times"
                    + " (%,d reads written); this JVM (attackers and good client) used %.1f s CPU under attack%n",
                    attackers.reopened(), attackers.nonReadersCutOff(), attackers.requestsWritten(), attackerCpu);
        }
    }

    /** A node just started on a loaded machine may miss the client's first deadline: a few tries. */
    private static ChorusClient connect(InetSocketAddress address) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ChorusClient.connect(List.of(address));
            } catch (RuntimeException | AssertionError e) { // the client asserts its connect deadline (seen on a machine at load 18)
                if (attempt == 5) throw e;
                System.err.println("connect attempt " + attempt + " failed: " + e);
            }
        }
    }

    /** One measured phase: the good client's latencies and the node's CPU per thread group meanwhile. */
    private record Phase(long[] nanos, double wallSeconds, Map<String, Double> cpuSeconds) {
        static Phase measure(long pid, HeapWatch heap, java.util.function.Supplier<long[]> work) {
            Map<String, Double> before = ThreadCpu.snapshot(pid);
            long start = System.nanoTime();
            long[] nanos = work.get();
            double wall = (System.nanoTime() - start) / 1e9;
            return new Phase(nanos, wall, ThreadCpu.delta(before, ThreadCpu.snapshot(pid)));
        }

        double p99() {
            return percentile(99);
        }

        double percentile(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
            return sorted[index] / 1e6;
        }

        String latencies() {
            return String.format("%,d ops, p50 %.2f ms, p99 %.2f ms, max %.2f ms", nanos.length, percentile(50), percentile(99), percentile(100));
        }

        String cpu() {
            double total = ThreadCpu.total(cpuSeconds);
            return String.format("%.1f s in %.1f s (%.0f %% of one core): %s", total, wallSeconds, 100 * total / wallSeconds, ThreadCpu.describe(cpuSeconds));
        }
    }

    /** The good client: one request at a time, alternating a put of a new key and a get of the last one. */
    static final class GoodClient {
        private static final byte[] VALUE = "v".repeat(100).getBytes(StandardCharsets.UTF_8);

        static long[] run(ChorusClient client, String prefix, Duration duration) {
            long end = System.nanoTime() + duration.toNanos();
            long[] nanos = new long[1024];
            int count = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                if (count % 2 == 0) client.put(prefix + "-" + count, VALUE, Consistency.ONE);
                else client.get(prefix + "-" + (count - 1), Consistency.ONE);
                if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
                nanos[count++] = System.nanoTime() - start;
            }
            return Arrays.copyOf(nanos, count);
        }
    }

    /** Samples the node's used heap (its metrics' jvm_memory_used_bytes, area heap) every 200 ms, keeping the largest. */
    private static final class HeapWatch implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final String metrics;
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapWatch(String metrics) {
            this.metrics = metrics;
            this.thread = new Thread(this::sample, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running) {
                try {
                    max.accumulateAndGet(used(), Math::max);
                    Thread.sleep(200);
                } catch (IOException e) {
                    // a sample lost to a busy node: the next one counts
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private String scrape() throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(metrics)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        private long used() throws IOException, InterruptedException {
            long used = 0;
            for (String line : scrape().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        }

        /** The node's heap right after a full GC ({@code jcmd PID GC.run}): what it really holds, not garbage. */
        long liveAfterGc(long pid) throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return used();
        }

        /** The node's refusal counters that are not zero. */
        String refusals() throws IOException, InterruptedException {
            StringBuilder out = new StringBuilder();
            for (String line : scrape().split("\n")) {
                if (line.startsWith("chorus_requests_refused_total") && !line.endsWith(" 0.0")) {
                    out.append(out.isEmpty() ? "" : ", ").append(line.replaceAll(".*reason=\"([a-z_]+)\".* ([0-9.E]+)$", "$1 $2"));
                }
            }
            return out.toString();
        }

        long takeMax() {
            return max.getAndSet(0);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Copies the node's output to {@code log} and returns once it printed "ready". */
    private static void awaitReady(Process node, Path log) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                    out.flush();
                    if (line.equals("ready")) ready.countDown();
                }
            } catch (IOException e) {
                // the node ended
            }
        }, "node-output");
        drain.setDaemon(true);
        drain.start();
        if (!ready.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("the node did not start within 120 s; see " + log);
    }
}
