package io.chorus.replication;

/**
 * Checks of the core's invariants that stay on in production, unlike {@code assert}: a violated
 * invariant means the node's state can no longer be trusted, so it must fail loudly wherever it
 * runs. The message is formatted only when the check fails, so a check costs one branch.
 * Lives in the root package, below every other, so that every package may use it.
 */
public final class Invariants {
    private Invariants() {
    }

    /** Throws {@link InvariantViolation} with the formatted message when {@code condition} is false. */
    public static void check(boolean condition, String format, Object... arguments) {
        if (!condition) throw new InvariantViolation(String.format(format, arguments));
    }

    /**
     * The same for hot paths, as {@code if (!condition) throw Invariants.violated(...)}: a call of
     * {@link #check} builds its argument array (and boxes its numbers) even when the check passes.
     */
    public static InvariantViolation violated(String format, Object... arguments) {
        return new InvariantViolation(String.format(format, arguments));
    }

    /** A broken invariant: a bug in the core, never bad input (bad input gets InvalidRequest). */
    public static final class InvariantViolation extends IllegalStateException {
        InvariantViolation(String message) {
            super("invariant violated: " + message);
        }
    }
}
