/**
 * The seam between the sans-IO core and the world: time ({@link io.chorus.replication.env.Clock}),
 * randomness ({@link io.chorus.replication.env.RandomSource}), transport
 * ({@link io.chorus.replication.env.Outbox}) and storage ({@link io.chorus.replication.env.Storage}).
 * Production implements them in node/, the simulator in simulation/. Nothing in the core reaches
 * the world any other way (enforced by forbiddenapis, see deterministic-core.signatures).
 */
package io.chorus.replication.env;
