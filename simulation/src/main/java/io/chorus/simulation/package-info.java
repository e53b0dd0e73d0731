/**
 * The deterministic simulator's command line ({@link io.chorus.simulation.SimulateMain}, run as
 * {@code ./chorus simulate}). The simulator runs the production {@code Replica} on a virtual
 * network and clock; it depends on replication and crdt only, never on node.
 */
package io.chorus.simulation;
