/**
 * The command line of {@code chorus bench}: option parsing ({@code --name value}), which store to
 * drive (a cluster or the in-process store), and the three commands: the workload run, the
 * staleness profile and the JMH micro-benchmarks. Every bad argument is reported by name with the
 * usage, exit code 2; a check that failed is exit code 1.
 */
package io.chorus.bench.cli;
