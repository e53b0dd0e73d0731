/**
 * Simulated clients: each issues gets, puts and deletes one at a time on a small key space, at
 * consistency levels drawn from the run's mix, through a random coordinator, over the simulated
 * network with the real client messages. Reads keep the returned context; writes sometimes carry it
 * back. Every value written is unique ({@code c3-17}: client 3's 17th put), so checkers can tell
 * writes apart. Every invocation and completion goes into the run's History.
 */
package io.chorus.simulation.workload;
