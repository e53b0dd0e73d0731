/**
 * Running seeds: one ({@link io.chorus.simulation.run.SeedRunner}), many across a few threads
 * ({@link io.chorus.simulation.run.SeedBatch}, each seed still single-threaded and deterministic), and
 * the regression list of seeds that once failed ({@link io.chorus.simulation.run.RegressionSeeds}).
 */
package io.chorus.simulation.run;
