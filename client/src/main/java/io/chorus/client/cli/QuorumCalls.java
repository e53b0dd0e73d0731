package io.chorus.client.cli;

import io.chorus.client.ChorusClient;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.replication.state.Consistency;
import io.chorus.client.WriteAck;
import io.chorus.client.WriteOptions;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code get}, {@code put} and {@code delete} with per-call quorum options ({@link QuorumArguments}), printed as the plain ones. */
final class QuorumCalls {
    private QuorumCalls() {
    }

    /** {@code ttl} null: a put's value does not expire. */
    static int execute(ChorusClient client, DataArguments arguments, QuorumArguments quorum, Duration ttl, PrintStream out) {
        String key = arguments.key();
        WriteOptions writes = quorum.writeOptions(DataCommands.options(arguments));
        switch (arguments.command()) {
            case "get" -> {
                ReadResult result;
                if (quorum.local()) { // a local read is at ONE, whatever --consistency says: one replica answers
                    result = client.get(key, Consistency.ONE, quorum.readOptions(client));
                } else if (quorum.coordinator() != null) {
                    result = client.get(key, arguments.consistency(), quorum.coordinatorAddress(client));
                } else {
                    result = client.get(key, arguments.consistency(), quorum.readOptions(client));
                }
                return DataCommands.printRead(result, arguments, out);
            }
            case "put" -> {
                Context context = arguments.context() == null ? Context.NONE : arguments.context();
                WriteAck ack = client.put(key, arguments.value().getBytes(StandardCharsets.UTF_8), context, arguments.consistency(),
                        writes.withTtl(ttl));
                int exit = DataCommands.printAck(ack, arguments, out);
                if (ttl != null && arguments.explain()) out.println(DataCommands.expiryLine(ttl));
                return exit;
            }
            case "delete" -> {
                Context context = arguments.context() != null ? arguments.context() : client.get(key, arguments.consistency()).context();
                return DataCommands.printAck(client.delete(key, context, arguments.consistency(), writes), arguments, out);
            }
            default -> throw new AssertionError("parse accepted command " + arguments.command());
        }
    }
}
