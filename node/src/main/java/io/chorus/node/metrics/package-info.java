/**
 * What a node tells its operators: Micrometer metrics in a Prometheus registry
 * ({@link io.chorus.node.metrics.NodeMetrics}), fed on the handler thread by the
 * {@link io.chorus.node.metrics.RequestTracker} (request rate, latency per operation and
 * consistency level, errors by kind), by the {@link io.chorus.node.metrics.MeteredStorage} around
 * the replica's storage (replica read and write latency, stored siblings and value sizes) and by
 * the replica's {@code ReplicaObserver} (read repairs, anti-entropy keys sent), and read by gauges
 * (ring occupancy, storage entries and bytes, connections); structured, rate-limited log lines for
 * failed requests ({@link io.chorus.node.metrics.RequestLog}); and a small HTTP endpoint
 * ({@link io.chorus.node.metrics.MetricsServer}) serving /metrics, /health and /ready with the
 * JDK's own HTTP server.
 *
 * <p>Invariants: nothing here blocks the handler thread for long (metric updates are lock-free,
 * log lines are rate-limited); tag values come from small fixed sets, never from user input.
 */
package io.chorus.node.metrics;
