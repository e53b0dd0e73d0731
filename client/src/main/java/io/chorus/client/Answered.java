package io.chorus.client;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.state.Key;

/**
 * A node's successful answer to one call (never a {@code Failure}), with what its {@link Receipt}
 * needs of the call that got it: the key, the node that coordinated it and the sends it took.
 * {@link Replies} turns it into the caller's result; a {@link Session} first takes its token out.
 */
record Answered(Key key, ClientResponse response, String coordinator, int attempts) {
}
