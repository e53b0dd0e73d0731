/**
 * Logical clocks: {@link io.chorus.crdt.clock.Dot} (one event of one actor) and
 * {@link io.chorus.crdt.clock.VersionVector} (a downward-closed set of events per actor).
 * Both are immutable; actors are node names, so their size is bounded by the cluster's.
 */
package io.chorus.crdt.clock;
