/**
 * The driver's correctness checks, as pure logic: which acknowledged writes each key must show
 * ({@link io.chorus.bench.check.WriteLog} of {@link io.chorus.bench.check.Frontier}s), the
 * freshness rule ({@link io.chorus.bench.check.Freshness}: a read is fresh for a write when it
 * returns its value or its context descends the write's acknowledged context) and the stale-read
 * counter. The same rule serves the final verification and the staleness profile. For counters,
 * what the run did to each ({@link io.chorus.bench.check.CounterLog} of
 * {@link io.chorus.bench.check.CounterTally}s) and the bounds that follow: a read must show every
 * increment acknowledged before it started, and at the end a counter holds exactly its start plus
 * its acknowledged increments, plus at most those whose outcome is unknown.
 *
 * <p>Invariant: a frontier only ever holds writes acknowledged before it was published, so a read
 * that snapshots it when it starts is only checked against writes acknowledged before it began;
 * likewise a counter's acknowledged count only grows after the acknowledgement arrived.
 */
package io.chorus.bench.check;
