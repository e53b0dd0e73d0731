/**
 * Simulated clients, all sending the real client messages over the simulated network, one
 * operation at a time, at consistency levels drawn from the run's mix, through a random coordinator.
 * Plain clients ({@link io.chorus.simulation.workload.SimClient}) issue gets, puts and deletes on a
 * small key space; reads keep the returned context and writes sometimes carry it back; every value
 * written is unique ({@code c3-17}: client 3's 17th put), so checkers can tell writes apart. CRDT
 * clients ({@link io.chorus.simulation.workload.CrdtClient}) increment and read counters and add to,
 * remove from and read add-wins sets, on keys of their own, and retry updates under one operation
 * id as the real client does. Every invocation and completion goes into the run's History.
 */
package io.chorus.simulation.workload;
