package io.chorus.client;

import java.net.InetSocketAddress;
import java.util.List;

/** The validated settings of a client, as the {@link ChorusClient.Builder} collected them. */
record ClientSettings(List<InetSocketAddress> seeds, long requestTimeoutMillis, long connectTimeoutMillis,
                      long reconnectBackoffNanos, int ioThreads, int frameBytesMax, int inFlightPerConnectionMax,
                      ClientSecurity security) {
}
