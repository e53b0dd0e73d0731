/**
 * {@code chorus bench}, the load driver: YCSB-style workloads against a Chorus cluster through the
 * public client, with latency histograms per operation type, a stale-read checker and a final
 * read-back of every acknowledged write. Entry point {@link io.chorus.bench.BenchMain}.
 */
package io.chorus.bench;
