/**
 * What a run reports: the per-second progress line, the summary table, the JSON file (with the
 * HdrHistogram percentile distributions) and the latency-percentile chart (PNG through java.awt,
 * headless, or a self-contained SVG/HTML page). Views of a {@link io.chorus.bench.report.BenchResult};
 * nothing here measures.
 */
package io.chorus.bench.report;
