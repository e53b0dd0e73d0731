package io.chorus.torture.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node process under test, in its own directory: {@code node.properties}, {@code data/},
 * {@code node.log} (every run appended), {@code storage-watch.log} (the node's test-only record of
 * its storage writes) and {@code faketime} (its clock offset, read by libfaketime every second).
 */
public final class NodeProcess {
    static final String READY_LINE = "node listening on";
    private static final long STOP_GRACE_MILLIS = 10_000;

    private final String name;
    private final int port;
    private final Path dir;
    private final NodeUser user;
    private final NodeJvm jvm;
    private final List<String> testProperties;
    private final boolean fakeClock;
    private Process process;
    private long logOffset;

    NodeProcess(String name, int port, Path dir, NodeUser user, NodeJvm jvm, List<String> testProperties, boolean fakeClock) {
        if (fakeClock && !jvm.canSkewClocks()) throw new IllegalArgumentException("no libfaketime to move the clock of " + name + " with");
        this.fakeClock = fakeClock;
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.user = user;
        this.jvm = jvm;
        this.testProperties = List.copyOf(testProperties);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public NodeUser user() {
        return user;
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("node.log");
    }

    public Path storageWatch() {
        return dir.resolve("storage-watch.log");
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the process (returns at once; {@link #awaitReady} waits for it to listen). */
    public synchronized void start() {
        if (isAlive()) throw new IllegalStateException(name + " is already running");
        List<String> command = new ArrayList<>();
        if (user.separate()) {
            command.addAll(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups"));
        }
        if (fakeClock) {
            // through env, after setpriv: libfaketime creates its semaphore in the first process it is
            // loaded into, which must run as the node's user (the same pid then execs java)
            command.addAll(List.of("env", "LD_PRELOAD=" + jvm.fakeTimeLibrary(),
                    "FAKETIME_TIMESTAMP_FILE=" + dir.resolve("faketime"),
                    "FAKETIME_CACHE_DURATION=1", // re-read the offset every second, not on every call
                    "FAKETIME_DONT_FAKE_MONOTONIC=1", // the JVM's timers and the node's ticks keep real time
                    // without this, libfaketime 0.9.10 (Debian's) wraps every timed wait: Thread.sleep(1)
                    // took 35 ms and a node 40 s to start (measured; torture/README.md)
                    "FAKETIME_FORCE_MONOTONIC_FIX=0"));
        }
        command.add(jvm.java());
        command.addAll(jvm.flags());
        command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        command.add("-Dchorus.test.storageWatch=" + storageWatch());
        command.addAll(testProperties);
        command.addAll(List.of(NodeJvm.MAIN_CLASS, "node", "--config", dir.resolve("node.properties").toString()));
        try {
            Files.writeString(log(), "---- " + Instant.now() + " torture: starting " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logOffset = Files.size(log());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(Redirect.appendTo(log().toFile())).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("CLASSPATH", jvm.classPath());
            env.put("HOME", dir.toString()); // JNA and Chronicle want a writable home
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the node prints that it listens; throws with the end of its log if it dies or takes too long. */
    public void awaitReady(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (logSinceStart().contains(READY_LINE)) return;
            if (!isAlive()) throw new IllegalStateException(name + " exited while starting; its log:\n" + logTail());
            sleepMillis(50);
        }
        throw new IllegalStateException(name + " did not listen within " + timeoutMillis + " ms; its log:\n" + logTail());
    }

    /** {@code kill -9}: no shutdown hook, no clean marker; the node takes a new actor epoch at restart. */
    public synchronized void kill() {
        if (process == null) return;
        signal("CONT"); // a paused process dies only once it runs; harmless otherwise
        process.destroyForcibly();
        waitFor(process, STOP_GRACE_MILLIS);
    }

    /** SIGTERM, so the node shuts down cleanly; SIGKILL if it is still running after a grace period. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) return;
        signal("CONT");
        process.destroy();
        if (!waitFor(process, STOP_GRACE_MILLIS)) kill();
    }

    public synchronized void pause() {
        signal("STOP");
    }

    public synchronized void resume() {
        signal("CONT");
    }

    /** Moves this node's wall clock by {@code offsetSeconds} from real time (libfaketime reads it within a second). */
    public void setClockOffset(long offsetSeconds) {
        if (!fakeClock) {
            if (offsetSeconds == 0) return;
            throw new IllegalStateException(name + " runs without libfaketime: its clock cannot move");
        }
        try {
            Files.writeString(dir.resolve("faketime"), (offsetSeconds >= 0 ? "+" : "") + offsetSeconds + "s\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clock offset of " + name, e);
        }
    }

    private void signal(String signal) {
        if (process != null && process.isAlive()) Shell.run("kill", "-" + signal, Long.toString(process.pid()));
    }

    private String logSinceStart() {
        try {
            byte[] bytes = Files.readAllBytes(log());
            return new String(bytes, (int) Math.min(logOffset, bytes.length), (int) Math.max(0, bytes.length - logOffset), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public String logTail() {
        List<String> lines = logSinceStart().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static boolean waitFor(Process process, long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
