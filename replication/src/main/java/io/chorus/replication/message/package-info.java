/**
 * The wire protocol: a sealed hierarchy of immutable records and the {@link io.chorus.replication.message.Codec}
 * that turns them into bytes and back (Kryo, registration required, stable ids). The client, the
 * node and the simulator all use this codec, so every message the simulator delivers was encoded and
 * decoded exactly as in production.
 */
package io.chorus.replication.message;
