/**
 * Running the load: driver threads ({@link io.chorus.bench.run.Worker}) paced closed- or open-loop
 * ({@link io.chorus.bench.run.Pacer}), per-thread HdrHistogram recorders, the once-a-second
 * reporter and phases ({@link io.chorus.bench.run.Driver}), the final read-back
 * ({@link io.chorus.bench.run.Verifier}) and the staleness probe. Time comes from a
 * {@link io.chorus.bench.run.Ticker}, so the tests run the pacing on a virtual clock.
 *
 * <p>Driver threads never log or allocate per operation beyond the key, the value and what the
 * store returns; the reporter thread is the only one that reads the histograms.
 */
package io.chorus.bench.run;
