/**
 * How the node's log lines name things, shared by every package that logs: one line about a client
 * request carries {@code client=<id> request=<id>} ({@link io.chorus.node.logging.RequestIds}).
 * A leaf: it depends on SLF4J only, so that metrics, pipeline and net can all use it.
 */
package io.chorus.node.logging;
