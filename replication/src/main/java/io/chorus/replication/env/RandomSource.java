package io.chorus.replication.env;

/**
 * The only source of randomness in the core. Production seeds it from the OS, the simulator from
 * the run's seed. {@link #fork()} gives each node and each concern its own stream, so that one
 * extra draw in one place does not shift every other draw of a simulated run.
 */
public interface RandomSource {
    /** Uniform in [0, bound); bound must be positive. */
    int nextInt(int bound);

    long nextLong();

    /** True with probability {@code p} (0 never, 1 always). */
    boolean chance(double p);

    /** An independent child stream, deterministic given this stream's state. */
    RandomSource fork();
}
