package io.chorus.simulation.workload;

import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.SessionToken;
import io.chorus.replication.message.WriteResult;

/**
 * The session a simulated client works in, as the real client's {@code Session} keeps it: every
 * request carries the token, every answer's token is merged in. A {@code SessionUnsatisfied}
 * answer, or the client resuming after the heal (nodes that were down restarted in new epochs,
 * which no old token can be proved against), starts a new session. Sessions are numbered per
 * client: client 4's third session is 4_0002, what the checkers group a session's ops by.
 */
final class SimSession {
    private static final byte[] NEW_SESSION = new byte[0];

    private final int client;
    private byte[] token = NEW_SESSION;
    private int number;

    SimSession(int client) {
        this.client = client;
    }

    int id() {
        return client * 10_000 + number;
    }

    /** The token to send: empty for a session that has had no answer yet. */
    byte[] token() {
        return token;
    }

    /** Merges the token of an answer; a SessionUnsatisfied answer ends the session (what it saw cannot be proved any more). */
    void absorb(ClientResponse response) {
        if (response instanceof Failure f && f.kind() == ErrorKind.SESSION_UNSATISFIED) {
            restart();
            return;
        }
        byte[] updated = response instanceof GetResult r ? r.session() : response instanceof WriteResult w ? w.session()
                : response instanceof CrdtValue v ? v.session() : null;
        if (updated == null) return;
        token = token.length == 0 ? updated : SessionToken.decode(token).merge(SessionToken.decode(updated)).encode();
    }

    void restart() {
        number++;
        token = NEW_SESSION;
    }
}
