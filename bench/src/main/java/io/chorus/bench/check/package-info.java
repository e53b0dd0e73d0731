/**
 * The driver's correctness checks, as pure logic: which acknowledged writes each key must show
 * ({@link io.chorus.bench.check.WriteLog} of {@link io.chorus.bench.check.Frontier}s), the
 * freshness rule ({@link io.chorus.bench.check.Freshness}: a read is fresh for a write when it
 * returns its value or its context descends the write's acknowledged context) and the stale-read
 * counter. The same rule serves the final verification and the staleness profile.
 *
 * <p>Invariant: a frontier only ever holds writes acknowledged before it was published, so a read
 * that snapshots it when it starts is only checked against writes acknowledged before it began.
 */
package io.chorus.bench.check;
