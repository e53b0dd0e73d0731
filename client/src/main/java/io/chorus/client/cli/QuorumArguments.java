package io.chorus.client.cli;

import io.chorus.client.ChorusClient;
import io.chorus.client.ReadOptions;
import io.chorus.client.WriteOptions;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-call quorum options of {@code get}, {@code put} and {@code delete}, taken out of the
 * arguments before the command's own parsing: {@code --coordinator NODE} (a node name such as
 * {@code n3}, or its client address: that node coordinates the read), {@code --local} (with
 * {@code --coordinator}: it answers from its own replica alone, at ONE, repairing nothing),
 * {@code --pr N} / {@code --pw N} (answers that must come from primaries) and {@code --sloppy}
 * (fallbacks' acknowledgements count toward the level).
 */
record QuorumArguments(String coordinator, boolean local, int primariesRead, int primariesWrite, boolean sloppy, String[] rest) {
    static final String USAGE = String.join("\n",
            "get also takes --coordinator NODE (a node name like n3, or HOST:PORT: that node coordinates the read),",
            "--local with it (the node answers from its own replica alone, at level one, asking and repairing no other:",
            "what that node holds) and --pr N (N answers must come from the key's primaries); put and delete take",
            "--pw N (N acknowledgements from primaries) and --sloppy (fallbacks holding a hint for a down primary count",
            "toward LEVEL). Too few primaries up fails at once with Unavailable naming the down ones.");

    static QuorumArguments extract(String[] args) {
        String coordinator = null;
        boolean local = false, sloppy = false;
        int pr = 0, pw = 0;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals("--local") || name.equals("--sloppy")) {
                if (name.equals("--local")) local = true; else sloppy = true;
                continue;
            }
            if (!List.of("--coordinator", "--pr", "--pw").contains(name)) {
                rest.add(arg);
                continue;
            }
            String value;
            if (equals > 0) value = arg.substring(equals + 1);
            else if (i + 1 < args.length) value = args[++i];
            else throw new IllegalArgumentException("option " + arg + " needs a value");
            switch (name) {
                case "--coordinator" -> coordinator = value;
                case "--pr" -> pr = count(name, value);
                default -> pw = count(name, value);
            }
        }
        if (local && coordinator == null) throw new IllegalArgumentException("--local needs --coordinator NODE: the node whose replica answers");
        return new QuorumArguments(coordinator, local, pr, pw, sloppy, rest.toArray(new String[0]));
    }

    private static int count(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a count of primaries (0 or more), not \"" + value + "\"");
    }

    boolean any() {
        return coordinator != null || local || primariesRead > 0 || primariesWrite > 0 || sloppy;
    }

    /** Refuses the options that do not apply to {@code command}. */
    void checkFor(String command) {
        boolean read = command.equals("get");
        if (!read && (coordinator != null || local || primariesRead > 0)) {
            throw new IllegalArgumentException(command + " takes no --coordinator, --local or --pr (they are for get)");
        }
        if (read && (primariesWrite > 0 || sloppy)) throw new IllegalArgumentException("get takes no --pw or --sloppy (they are for writes)");
        if (coordinator != null && !local && primariesRead > 0) {
            throw new IllegalArgumentException("--pr does not combine with --coordinator without --local");
        }
    }

    ReadOptions readOptions(ChorusClient client) {
        ReadOptions options = ReadOptions.DEFAULT.withPrimaries(primariesRead);
        return local ? options.withLocalReplica(coordinatorAddress(client)) : options;
    }

    WriteOptions writeOptions(WriteOptions base) {
        return base.withPrimaries(primariesWrite).withSloppy(sloppy);
    }

    /** The client address of {@code --coordinator}: given as one, or the node of that name. */
    InetSocketAddress coordinatorAddress(ChorusClient client) {
        return NodeNames.address(client, coordinator, "--coordinator");
    }
}
