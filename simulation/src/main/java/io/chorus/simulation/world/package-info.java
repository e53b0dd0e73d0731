/**
 * The deterministic world: one thread, one seed, a queue of events ordered by (virtual time,
 * sequence). {@link io.chorus.simulation.world.SimWorld} drives real {@code Replica}s through their
 * entry points, with simulated twins of their environment: {@link io.chorus.simulation.world.SimStorage}
 * (a process crash keeps it; the optional power-loss model drops unsynced puts),
 * {@link io.chorus.simulation.world.SimClock} (offset and drift per node) and the network of
 * {@code io.chorus.simulation.network}. Every parameter is drawn from the seed
 * ({@link io.chorus.simulation.world.RunParameters}); the same seed on the same commit gives the same
 * event trace. Nothing here may read the wall clock, a thread, or unseeded randomness.
 */
package io.chorus.simulation.world;
