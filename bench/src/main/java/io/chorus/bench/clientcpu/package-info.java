/**
 * {@code chorus bench client-cpu}: what the Java client itself costs per operation. Threads make
 * synchronous {@code get}/{@code put} calls against a cluster with as little driver work around
 * them as possible (no histograms, no checks, one pre-made value), and the JVM's own CPU time and
 * context switches (in total and per thread group) are read from {@code /proc} before and after
 * the measured window. The JVM holds nothing but the client and this thin loop, so its CPU per
 * operation is the client's; the servers run in other processes and are not counted.
 * {@link io.chorus.bench.clientcpu.InstantNodes} ({@code chorus bench instant-nodes}) are such
 * servers answering at once, so that the client can be measured the way a Redis client is.
 */
package io.chorus.bench.clientcpu;
