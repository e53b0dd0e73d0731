package io.chorus.client.cli;

import io.chorus.client.ChorusClient;
import io.chorus.client.ClientBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options every data command takes about how to reach the cluster securely, taken out of the
 * arguments before the command's own parsing: {@code --tls} (trust the local cluster's CA,
 * {@code .chorus/cluster/tls/ca.pem}), {@code --ca FILE} (TLS trusting that CA instead),
 * {@code --user NAME} with {@code --password-file FILE} (the file's first line is the password;
 * never on the command line, where other users could read it), {@code --cluster-name NAME}.
 */
record ConnectionOptions(boolean tls, Path caFile, String user, Path passwordFile, String clusterName, String[] rest) {
    /** Where {@code chorus cluster start --tls} puts the CA, relative to the working directory. */
    static final Path LOCAL_CA = Path.of(".chorus", "cluster", "tls", "ca.pem");

    static ConnectionOptions extract(String[] args) {
        boolean tls = false;
        Path ca = null;
        String user = null;
        Path passwordFile = null;
        String clusterName = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals("--tls")) {
                tls = true;
                continue;
            }
            if (!List.of("--ca", "--user", "--password-file", "--cluster-name").contains(name)) {
                rest.add(arg);
                continue;
            }
            String value;
            if (equals > 0) value = arg.substring(equals + 1);
            else if (i + 1 < args.length) value = args[++i];
            else throw new IllegalArgumentException("option " + arg + " needs a value");
            switch (name) {
                case "--ca" -> ca = Path.of(value);
                case "--user" -> user = value;
                case "--password-file" -> passwordFile = Path.of(value);
                default -> clusterName = value;
            }
        }
        if ((user == null) != (passwordFile == null)) throw new IllegalArgumentException("--user and --password-file go together");
        return new ConnectionOptions(tls || ca != null, ca, user, passwordFile, clusterName, rest.toArray(new String[0]));
    }

    /** Sets these options on {@code builder}; a CA or password file that cannot be read is an IllegalArgumentException. */
    ClientBuilder apply(ClientBuilder builder, Path workingDirectory) {
        if (tls) {
            Path ca = caFile != null ? caFile : workingDirectory.resolve(LOCAL_CA);
            if (!Files.isRegularFile(ca)) throw new IllegalArgumentException("--tls: no CA certificate at " + ca + " (give one with --ca FILE)");
            builder.tls(ca);
        }
        if (user != null) builder.credentials(user, password());
        if (clusterName != null) builder.clusterName(clusterName);
        return builder;
    }

    private byte[] password() {
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --password-file " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ConnectionOptions[tls=" + tls + ", user=" + user + ", rest=" + Arrays.toString(rest) + "]";
    }
}
