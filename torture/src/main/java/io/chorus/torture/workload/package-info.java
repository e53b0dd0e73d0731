/**
 * Client threads that drive the real cluster through the public Java client and record what they
 * saw as a {@link io.chorus.simulation.history.History}: the invocation before the request is sent,
 * the completion after its reply, and an unknown outcome recorded as indeterminate.
 */
package io.chorus.torture.workload;
