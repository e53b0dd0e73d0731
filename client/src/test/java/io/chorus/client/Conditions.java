package io.chorus.client;

import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline, for outcomes that settle on another thread. */
final class Conditions {
    private Conditions() {
    }

    static void awaitTrue(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not true within " + timeoutMillis + " ms: " + what);
            Thread.sleep(5);
        }
    }
}
