/**
 * What the driver does, independent of how it is sent: YCSB's core workloads and a workload of
 * CRDT counters ({@link io.chorus.bench.workload.Workload}, mixes of {@link io.chorus.bench.workload.OpType}),
 * key choice (uniform, scrambled zipfian, skewed latest) over a {@link io.chorus.bench.workload.KeySpace}
 * that grows with inserts, key naming, and values that carry the id of the write that made them.
 * Everything here is thread-safe and allocation-light: every driver thread shares one instance.
 */
package io.chorus.bench.workload;
