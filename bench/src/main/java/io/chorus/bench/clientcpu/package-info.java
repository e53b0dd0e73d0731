/**
 * {@code chorus bench client-cpu}: what the Java client itself costs per operation. Threads make
 * synchronous {@code get}/{@code put} calls against a cluster with as little driver work around
 * them as possible (no histograms, no checks), and the JVM's own CPU time and context switches are
 * read from {@code /proc} before and after the measured window. The JVM is nothing but the client
 * and this thin loop, so its CPU per operation is the client's (the loop's share is printed by
 * {@code --cluster local}-free design: see {@link io.chorus.bench.clientcpu.ClientCpuRun}).
 */
package io.chorus.bench.clientcpu;
