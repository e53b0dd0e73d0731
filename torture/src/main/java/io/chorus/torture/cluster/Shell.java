package io.chorus.torture.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (useradd, nft, kill) and says what went wrong when it fails. */
public final class Shell {
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private Shell() {
    }

    /** Runs {@code command} with {@code input} on stdin; returns its output, or throws with it on a non-zero exit. */
    public static String run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    public static String run(String... command) {
        return run(List.of(command), null);
    }

    /** Whether {@code command} runs at all and exits 0 (a probe for an installed tool). */
    public static boolean works(String... command) {
        try {
            run(command);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || works("sh", "-c", "test \"$(id -u)\" = 0");
    }
}
