/**
 * Fault tests on real processes ({@code ./chorus torture}): a cluster of node processes on
 * loopback, client threads recording a {@link io.chorus.simulation.history.History} through the
 * public Java client, a nemesis breaking the network, the processes and their clocks from a printed
 * seed, and the simulator's own checkers judging the result. The simulator proves the protocol; this
 * exercises the shell around it: Netty, the Disruptor, Chronicle Map, real sockets and signals.
 */
package io.chorus.torture;
