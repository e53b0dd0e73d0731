/**
 * The YCSB binding ({@link io.chorus.ycsb.ChorusDB}): one YCSB record as one Chorus value, over the
 * public client. YCSB's core is a provided dependency, supplied by the runner, so its old
 * libraries never reach a Chorus classpath. See bench/README.md for how to run the peers' harness.
 */
package io.chorus.ycsb;
