/**
 * The nemesis on real processes: a fault schedule drawn from a seed, applied in real time and every
 * fault undone when its time is up, and all of them undone at the end of a run whatever happened
 * (including a shutdown hook for the firewall table).
 */
package io.chorus.torture.nemesis;
