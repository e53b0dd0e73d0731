package io.chorus.client.cli;

import io.chorus.client.ChorusClient;
import io.chorus.client.Context;
import io.chorus.client.CrdtHandles;
import io.chorus.client.ReadResult;
import io.chorus.client.Session;
import io.chorus.client.WriteAck;
import io.chorus.client.WriteOptions;
import io.chorus.replication.state.Consistency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data commands' calls, through a session when {@code --session-in FILE} or
 * {@code --session-out FILE} is given: the token is read from the first (written by an earlier
 * command's {@code --session-out}) and, once the command succeeded, the updated token is written to
 * the second (the same file may be both). Without either, plain client calls. CRDT commands
 * take their handles from {@link #crdt()}, so they carry the token too.
 */
final class SessionCalls {
    private final ChorusClient client;
    private final Session session; // null: no session
    private final Path out;

    private SessionCalls(ChorusClient client, Session session, Path out) {
        this.client = client;
        this.session = session;
        this.out = out;
    }

    static SessionCalls of(ChorusClient client, Path in, Path out) {
        if (in == null) return new SessionCalls(client, out == null ? null : client.session(), out);
        String exported;
        try {
            exported = Files.readString(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session token from " + in + ": " + e.getMessage(), e);
        }
        try {
            return new SessionCalls(client, client.session(exported), out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(in + " does not hold a session token: " + e.getMessage(), e);
        }
    }

    /** Calls that always go through a session: the one {@code in} holds, or a new one when it is null (the shell's). */
    static SessionCalls session(ChorusClient client, Path in) {
        return in == null ? new SessionCalls(client, client.session(), null) : of(client, in, null);
    }

    ReadResult get(String key, Consistency level) {
        return session == null ? client.get(key, level) : session.get(key, level);
    }

    WriteAck put(String key, byte[] value, Context context, Consistency level, WriteOptions options) {
        return session == null ? client.put(key, value, context, level, options) : session.put(key, value, context, level, options);
    }

    WriteAck delete(String key, Context context, Consistency level, WriteOptions options) {
        return session == null ? client.delete(key, context, level, options) : session.delete(key, context, level, options);
    }

    /** Handles on CRDT values whose updates and reads go through the session, if there is one. */
    CrdtHandles crdt() {
        return session == null ? client : session;
    }

    /** Writes the updated token to the --session-out file, if one was named. */
    void saveToken() {
        if (out != null) saveTo(out);
    }

    /** Writes the token to {@code file}; nothing when there is no token yet (no session, or no answer so far). */
    void saveTo(Path file) {
        String token = export();
        if (token == null) return;
        try {
            Files.writeString(file, token + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the session token to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The session's token as exported text; null without a session or before its first answer. */
    String export() {
        return session == null ? null : session.export();
    }

    /** The token's size in bytes (0 without one). */
    int tokenBytes() {
        return session == null ? 0 : session.tokenBytesLength();
    }
}
