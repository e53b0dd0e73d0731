package io.chorus.client.cli;

import io.chorus.client.Addresses;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The arguments of {@code chorus shell}: the connection options every data command takes (see
 * {@link ConnectionOptions}), {@code --cluster}, and {@code --session-in FILE},
 * {@code --session-out FILE} and {@code --timing}. {@code cluster} is null when not given (the
 * default applies). Failures are {@link IllegalArgumentException}s whose message is shown as is.
 */
record ShellArguments(ConnectionOptions connection, List<InetSocketAddress> cluster, Path sessionIn, Path sessionOut, boolean timing) {
    /** The options that say how to reach the cluster: the shell's, never one command's. */
    private static final List<String> CONNECTION_OPTIONS = List.of("--cluster", "--tls", "--ca", "--user", "--password-file", "--cluster-name");

    static ShellArguments parse(String[] args) {
        ConnectionOptions connection = ConnectionOptions.extract(args);
        List<InetSocketAddress> cluster = null;
        Path sessionIn = null, sessionOut = null;
        boolean timing = false;
        String[] rest = connection.rest();
        for (int i = 0; i < rest.length; i++) {
            String arg = rest[i];
            if (arg.equals("--timing")) {
                timing = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (!List.of("--cluster", "--session-in", "--session-out").contains(name)) {
                throw new IllegalArgumentException(name.startsWith("--") ? "unknown option " + name
                        : "unexpected argument '" + arg + "' (the shell reads its commands from its input)");
            }
            String value;
            if (equals > 0) value = arg.substring(equals + 1);
            else if (i + 1 < rest.length) value = rest[++i];
            else throw new IllegalArgumentException("option " + arg + " needs a value");
            switch (name) {
                case "--cluster" -> cluster = Addresses.parseList(value);
                case "--session-in" -> sessionIn = Path.of(value);
                default -> sessionOut = Path.of(value);
            }
        }
        return new ShellArguments(connection, cluster, sessionIn, sessionOut, timing);
    }

    /** The first connection option among a command's {@code words}, or null. */
    static String connectionOption(String[] words) {
        for (String word : words) {
            int equals = word.indexOf('=');
            String name = word.startsWith("--") && equals > 0 ? word.substring(0, equals) : word;
            if (CONNECTION_OPTIONS.contains(name)) return name;
        }
        return null;
    }
}
