/**
 * What the harness learns from the nodes' test-only storage watch logs: each replica's state, and
 * which dot each written value was minted with, recorded into the History as the simulator records
 * what it observes in its simulated storage.
 */
package io.chorus.torture.observe;
