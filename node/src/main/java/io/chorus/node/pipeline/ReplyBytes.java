package io.chorus.node.pipeline;

import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.CrdtValue;
import io.chorus.replication.message.GetResult;
import io.chorus.replication.message.Message;
import io.chorus.replication.message.WriteResult;

/**
 * About how many bytes a reply will take once encoded, known on the handler thread before it is
 * (the event loop encodes): the byte arrays it carries plus a fixed allowance for the rest. Used to
 * charge a client connection for replies not yet sent, so that a client that does not read gets no
 * more of them built (see {@link Destination#refusal()}). An estimate, not the frame size: good
 * for a bound, never for framing.
 */
public final class ReplyBytes {
    /** Everything a reply carries besides its byte arrays (ids, flags, names, Kryo's overhead), generously. */
    static final int FIXED_BYTES = 256;

    private ReplyBytes() {
    }

    /** The estimate for one outgoing message to a client (anything but a ClientReply: the fixed allowance). */
    public static long of(Message message) {
        if (!(message instanceof ClientReply reply)) return FIXED_BYTES;
        long bytes = FIXED_BYTES;
        if (reply.response() instanceof GetResult result) {
            for (byte[] value : result.values()) bytes += value.length;
            bytes += length(result.context()) + length(result.session());
        } else if (reply.response() instanceof CrdtValue value) {
            bytes += length(value.value()) + length(value.session());
        } else if (reply.response() instanceof WriteResult result) {
            bytes += length(result.context()) + length(result.session());
        }
        return bytes;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
