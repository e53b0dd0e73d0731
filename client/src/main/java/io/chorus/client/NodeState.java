package io.chorus.client;

import java.net.InetSocketAddress;

/**
 * What the client knows of one node right now ({@link ChorusClient#nodes()}): a snapshot, for
 * dashboards and for seeing why requests avoid a node.
 *
 * @param name             the node's name ({@code n1}), or its address when the ring is unknown
 * @param address          where the client connects to it
 * @param breaker          the client's circuit breaker for it
 * @param failuresInRow    failures since its last success (the breaker opens at {@code breakerFailuresToOpen})
 * @param failures         failures the node was blamed for since the client connected
 * @param breakerOpened    how often its breaker opened
 * @param answers          answers received from it (successes and refusals)
 * @param latencyP50Millis median time to an answer over its recent answers; -1 until there are enough
 * @param latencyP99Millis 99th percentile of the same; -1 until there are enough
 */
public record NodeState(String name, InetSocketAddress address, BreakerState breaker, int failuresInRow, long failures,
                        long breakerOpened, long answers, double latencyP50Millis, double latencyP99Millis) {
}
