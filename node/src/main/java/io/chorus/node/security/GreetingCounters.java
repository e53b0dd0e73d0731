package io.chorus.node.security;

import java.util.concurrent.atomic.LongAdder;

/** Connections refused during the greeting, by reason, and requests refused for want of a permission. */
public final class GreetingCounters {
    /** The other side speaks another protocol version. */
    public final LongAdder wrongVersion = new LongAdder();
    /** The other side belongs to another cluster (cluster.name). */
    public final LongAdder wrongCluster = new LongAdder();
    /** A peer greeting that did not prove its name: not a member, wrong proof, certificate missing or naming another. */
    public final LongAdder peerUnproven = new LongAdder();
    /** A client with an unknown user or a wrong password, or none when one is required. */
    public final LongAdder authenticationFailed = new LongAdder();
    /** A TLS handshake that failed (plaintext caller, untrusted certificate, ...). */
    public final LongAdder tlsFailed = new LongAdder();
    /** A greeting that could not be read, or bytes sent before the greeting finished. */
    public final LongAdder badGreeting = new LongAdder();
    /** Greetings this node made (outgoing peer links) that the other side refused. */
    public final LongAdder refusedByOther = new LongAdder();
    /** Requests refused because the user lacks the permission (the connection stays open). */
    public final LongAdder requestsUnauthorized = new LongAdder();
}
