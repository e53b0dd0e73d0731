/**
 * Test-only hooks of a node, switched on by system properties that only fault-test harnesses set
 * (the torture module): a planted protocol bug, and a log of every storage write so the harness
 * can learn which dot each value was minted with, as the simulator does. A production node never
 * sets them, and then nothing here runs.
 */
package io.chorus.node.testing;
