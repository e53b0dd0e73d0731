/**
 * The network side of a node: one port takes both peers and clients. The first handler of every
 * accepted connection is its {@link io.chorus.node.net.ConnectionGate} (connection caps, byte budget,
 * read and idle timeouts, before TLS, so they also hold for connections that never greet). Every
 * connection greets first (after the TLS handshake when TLS is on): {@link io.chorus.node.net.AcceptorGreeting} checks the
 * protocol version and cluster name, proves a peer's member name (certificate, cluster secret) or
 * logs a client in, and only then installs the message pipeline; outgoing links greet with
 * {@link io.chorus.node.net.DialerGreeting} and send nothing before they are welcomed.
 * Frames are a 4-byte big-endian length then the codec's bytes, at most {@code frameBytesMax}.
 * Netty threads only decode, check the connection's limits and publish into the pipeline; the
 * outbox hands replies and peer messages back as immutable records, encoded on the connection's own
 * event loop with that thread's codec. Outgoing peer links reconnect with bounded backoff and report
 * "peer unreachable" the moment a link drops, so the failure detector need not wait for silence.
 *
 * <p>Invariants: no peer message is accepted from a connection that has not proven to be that peer;
 * nothing a caller sends before its greeting succeeds reaches the message codec; no bad input takes a node down (an oversized or undecodable client frame gets an
 * InvalidRequest naming the problem, then the connection closes); Netty threads never block on the
 * pipeline; at most {@code inFlightPerConnectionMax} requests per client connection are in flight.
 */
package io.chorus.node.net;
