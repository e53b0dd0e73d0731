/**
 * Logical clocks: {@link io.chorus.crdt.clock.Dot} (one event of one actor) and
 * {@link io.chorus.crdt.clock.VersionVector} (a downward-closed set of events per actor).
 * Both are immutable; actors are node names with an epoch (a new one after each unclean restart), so
 * their size is bounded by the cluster's times the unclean restarts.
 */
package io.chorus.crdt.clock;
