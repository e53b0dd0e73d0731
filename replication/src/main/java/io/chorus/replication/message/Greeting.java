package io.chorus.replication.message;

/**
 * The first frames of every connection, before any {@link Message}: who is calling, which protocol
 * version and which cluster, and the proof of who it is. Written by {@link GreetingCodec}, a small
 * hand-written format that stays the same across protocol versions (so that a node can tell an
 * older or newer caller what it speaks) and that never reaches Kryo (so that nothing an
 * unauthenticated party sends is decoded by more than a few bounded field readers).
 *
 * <p>A client says {@link ClientHello}; the node answers {@link Welcome} or {@link Refused}. A peer
 * (the dialing node) says {@link PeerHello} with a fresh nonce; the acceptor answers
 * {@link PeerChallenge} with its own nonce and its proof of the cluster secret; the dialer answers
 * {@link PeerProof}; the acceptor answers {@link Welcome} or {@link Refused}. Only after a
 * {@code Welcome} does either side send or accept a {@code Message}.
 */
public sealed interface Greeting {
    /**
     * The version of the messages that follow the greeting; both ends must speak the same one.
     * 2: puts and mint requests carry a TTL, gets/puts/deletes per-call quorum options.
     */
    int PROTOCOL_VERSION = 2;
    /** The cluster name a node uses when {@code cluster.name} is not set. */
    String CLUSTER_NAME_DEFAULT = "chorus";
    /** Largest greeting frame (after its 4-byte length): a greeting is a few names and hashes. */
    int GREETING_BYTES_MAX = 1024;
    /** Longest cluster, node or user name, in UTF-8 bytes. */
    int NAME_BYTES_MAX = 128;
    /** Longest password a client may send, in bytes. */
    int PASSWORD_BYTES_MAX = 256;
    /** Size of each side's nonce in the peer challenge. */
    int NONCE_BYTES = 32;
    /** Size of a proof (an HMAC-SHA256), or 0 when the cluster has no secret. */
    int PROOF_BYTES = 32;

    /**
     * @param cluster  the cluster the client expects, "" for whichever it reaches
     * @param user     "" for anonymous (refused when the node requires authentication)
     * @param password the user's password (send it over TLS only), empty when anonymous
     */
    record ClientHello(int version, String cluster, String user, byte[] password) implements Greeting {
    }

    /** @param from the dialing member's name; @param nonce {@link #NONCE_BYTES} fresh random bytes */
    record PeerHello(int version, String cluster, String from, byte[] nonce) implements Greeting {
    }

    /** @param proof the acceptor's proof that it holds the cluster secret (empty without one) */
    record PeerChallenge(byte[] nonce, byte[] proof) implements Greeting {
    }

    /** @param proof the dialer's proof that it holds the cluster secret (empty without one) */
    record PeerProof(byte[] proof) implements Greeting {
    }

    /** The greeting succeeded: {@code node} of {@code cluster} speaks {@code version}; messages may follow. */
    record Welcome(int version, String cluster, String node) implements Greeting {
    }

    /** The greeting failed; the connection closes after this. */
    record Refused(ErrorKind kind, String reason) implements Greeting {
    }
}
