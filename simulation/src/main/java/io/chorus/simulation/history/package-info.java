/**
 * What the simulated clients saw: every invocation and completion of a get, put or delete, and of a
 * CRDT increment, set add or remove (one operation, whatever its attempts) or CRDT read; the phase
 * marks of the run; and the ghost facts the simulator observed in storage (which dot each written
 * value was minted with). Checkers read a {@link io.chorus.simulation.history.History}; it is plain
 * data, so unit tests can build bad histories by hand.
 */
package io.chorus.simulation.history;
