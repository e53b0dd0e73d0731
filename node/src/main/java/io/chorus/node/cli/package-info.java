/**
 * The {@code chorus} command line: {@link io.chorus.node.cli.Main} dispatches {@code node} (run one
 * node in the foreground), {@code cluster start|status|stop} (a local cluster of background node
 * processes under one directory) and the data commands {@code put|get|delete} (the client's), and {@code shell} (the client's shell on
 * a JLine terminal, or on plain input when piped).
 *
 * <p>Exit codes: 0 success, 1 an error (its message on stderr), 2 a usage error (usage on stderr).
 * Invariant of the cluster commands: they only ever signal a pid recorded in the cluster directory
 * whose command line is that very node's ({@link io.chorus.node.cli.NodeProcesses}), never a
 * stranger that reused the pid.
 */
package io.chorus.node.cli;
