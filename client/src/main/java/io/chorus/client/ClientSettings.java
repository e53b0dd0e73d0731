package io.chorus.client;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The validated settings of a client's connections, as the {@link ClientBuilder} collected
 * them (how calls retry is {@link CallPolicy}).
 *
 * @param breakerFailuresToOpen failures in a row that open a node's circuit breaker
 * @param breakerOpenMillis     how long a breaker stays open before a probe
 */
record ClientSettings(List<InetSocketAddress> seeds, long requestTimeoutMillis, long connectTimeoutMillis,
                      long reconnectBackoffNanos, int ioThreads, int frameBytesMax, int inFlightPerConnectionMax,
                      int breakerFailuresToOpen, long breakerOpenMillis, ClientSecurity security) {
}
