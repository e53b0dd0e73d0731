package io.chorus.client.cli;

import io.chorus.client.Addresses;
import io.chorus.client.ChorusClient;
import io.chorus.client.ClientBuilder;
import io.chorus.client.ChorusException;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.Receipt;
import io.chorus.client.WriteAck;
import io.chorus.client.WriteOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data commands: {@code put}, {@code get} and {@code delete}, and the CRDT commands
 * {@code counter}, {@code set}, {@code flag}, {@code register} and {@code map} (run by
 * {@link CrdtCommands}). Each parses its arguments, connects, runs one request, prints the outcome
 * and returns the exit code (see {@link #USAGE}). Never throws for bad input or a failed request,
 * and never calls {@code System.exit}: the caller does.
 */
public final class DataCommands {
    public static final int EXIT_OK = 0;
    public static final int EXIT_NOT_FOUND = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED = 3;

    /** Where a local cluster started by the launcher writes its nodes' client addresses, one per line. */
    public static final Path CLUSTER_ADDRESSES_FILE = Path.of(".chorus", "cluster", "cluster.addresses");
    public static final String DEFAULT_CLUSTER = "127.0.0.1:7401,127.0.0.1:7402,127.0.0.1:7403";

    /** Every command {@link #run} takes, for a launcher deciding what to hand over. */
    public static final Set<String> COMMANDS = Stream.concat(Stream.of("put", "get", "delete"), CrdtCommands.COMMANDS.stream())
            .collect(Collectors.toUnmodifiableSet());

    public static final String USAGE = String.join("\n",
            "usage:",
            "  put KEY VALUE [--context CTX] [--consistency LEVEL] [--durable] [--ttl DURATION] [--cluster HOST:PORT,...]",
            "  get KEY [--consistency LEVEL] [--explain] [--cluster HOST:PORT,...]",
            "  delete KEY [--context CTX] [--consistency LEVEL] [--durable] [--cluster HOST:PORT,...]",
            "  (each also takes --session-in FILE and --session-out FILE: see below)",
            CrdtCommands.USAGE,
            "LEVEL is one, two, quorum or all (default quorum). CTX is the context printed by an earlier",
            "get or put: a put with it replaces what that read saw, a put without it adds a sibling.",
            "delete without --context first reads KEY and deletes what that read saw.",
            "--durable (on every write, CRDT updates too) acknowledges the write only once as many replicas",
            "as LEVEL needs have it on disk (fsync); without it, once it is in their page cache.",
            "--ttl DURATION (put: 30s, 5m, 2h, 7d, PT30S; 1s to 3650d) makes the value expire that long after the",
            "coordinating node got the put, by its clock: no read returns it from then on.",
            "get prints each value on its own line (\"sibling N: \" before each when there are several),",
            "then \"context: CTX\"; put and delete print \"ok\" (\"ok (durable)\" when the replicas fsynced it,",
            "\"ok (not durable)\" when --durable was asked and they did not say so) then \"context: CTX\".",
            "--explain (get, put, delete) then prints the receipt: the coordinator, the replicas that answered",
            "or acknowledged (primary or fallback), whether read repair was sent, whether the write is durable.",
            "The cluster defaults to the addresses in " + CLUSTER_ADDRESSES_FILE + " (one per line), else " + DEFAULT_CLUSTER + ".",
            "Every command also takes --tls (trust " + ConnectionOptions.LOCAL_CA + ") or --ca FILE (TLS trusting that CA),",
            "--user NAME --password-file FILE (log in; the file's first line is the password) and --cluster-name NAME.",
            "--session-in FILE carries the session token an earlier --session-out FILE wrote (the same file may be",
            "both): the command then sees every write and read of the session, at any level, through any node, or",
            "fails with SessionUnsatisfied; --session-out FILE writes the updated token once the command succeeded.",
            "Exit codes: 0 done; 1 get found nothing (prints \"not found\"), or see above; 2 bad arguments;",
            "3 the request failed (the error, e.g. \"Unavailable (need 3, alive 2): ...\", goes to stderr).");

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1); // a dead local node must not stall the command

    private DataCommands() {
    }

    /** Runs one command with the current directory as the place to look for the cluster's address file. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Path.of(""));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, looking for the address file under {@code workingDirectory}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Path workingDirectory) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        if (CrdtCommands.COMMANDS.contains(args[0])) return CrdtCommands.run(args, out, err, workingDirectory);
        DataArguments arguments;
        TtlOption ttl;
        ClientBuilder builder;
        try {
            ConnectionOptions connection = ConnectionOptions.extract(args);
            ttl = TtlOption.extract(connection.rest());
            arguments = DataArguments.parse(ttl.rest());
            ttl.checkFor(arguments.command());
            builder = clientBuilder(connection, arguments.cluster(), workingDirectory);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        try (ChorusClient client = builder.build()) {
            return execute(client, arguments, ttl.ttl(), out);
        } catch (ChorusException e) {
            err.println(e.getMessage());
            return EXIT_FAILED;
        } catch (IllegalArgumentException | UncheckedIOException e) { // a --session-in file that holds no token, or cannot be read
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
    }

    private static int execute(ChorusClient client, DataArguments arguments, Duration ttl, PrintStream out) {
        SessionCalls calls = SessionCalls.of(client, arguments.sessionIn(), arguments.sessionOut());
        int exit = execute(calls, arguments, ttl, out);
        calls.saveToken();
        return exit;
    }

    /**
     * Runs one parsed command through {@code client} (also the shell's, whose session carries on
     * across commands); {@code ttl} null: the put's value does not expire.
     */
    static int execute(SessionCalls client, DataArguments arguments, Duration ttl, PrintStream out) {
        String key = arguments.key();
        switch (arguments.command()) {
            case "get" -> {
                ReadResult result = client.get(key, arguments.consistency());
                if (!result.found()) {
                    out.println("not found");
                    if (arguments.explain()) printReceipt(result.receipt(), false, out);
                    return EXIT_NOT_FOUND;
                }
                printValues(result.values(), out);
                out.println("context: " + result.context());
                if (arguments.explain()) printReceipt(result.receipt(), false, out);
                return EXIT_OK;
            }
            case "put" -> {
                Context context = arguments.context() == null ? Context.NONE : arguments.context();
                WriteOptions options = options(arguments).withTtl(ttl);
                WriteAck ack = client.put(key, arguments.value().getBytes(StandardCharsets.UTF_8), context, arguments.consistency(), options);
                int exit = printAck(ack, arguments, out);
                if (ttl != null && arguments.explain()) out.println("expires: " + ttl + " after the coordinator received it, by its clock");
                return exit;
            }
            case "delete" -> {
                Context context = arguments.context() != null ? arguments.context() : client.get(key, arguments.consistency()).context();
                return printAck(client.delete(key, context, arguments.consistency(), options(arguments)), arguments, out);
            }
            default -> throw new AssertionError("parse accepted command " + arguments.command());
        }
    }

    private static void printValues(List<byte[]> values, PrintStream out) {
        for (int i = 0; i < values.size(); i++) {
            String text = new String(values.get(i), StandardCharsets.UTF_8);
            out.println(values.size() == 1 ? text : "sibling " + (i + 1) + ": " + text);
        }
    }

    private static WriteOptions options(DataArguments arguments) {
        return arguments.durable() ? WriteOptions.DURABLE : WriteOptions.DEFAULT;
    }

    private static int printAck(WriteAck ack, DataArguments arguments, PrintStream out) {
        out.println(okLine(ack, arguments.durable()));
        out.println("context: " + ack.context());
        if (arguments.explain()) printReceipt(ack.receipt(), true, out);
        return EXIT_OK;
    }

    /** The receipt's lines but its context, which the command printed already. */
    static void printReceipt(Receipt receipt, boolean isWrite, PrintStream out) {
        for (String line : receipt.describe(isWrite)) {
            if (!line.startsWith("context: ")) out.println(line);
        }
    }

    /** "ok", "ok (durable)", or "ok (not durable)" when durability was asked and not confirmed. */
    static String okLine(WriteAck ack, boolean durableAsked) {
        if (ack.durable()) return "ok (durable)";
        return durableAsked ? "ok (not durable)" : "ok";
    }

    /**
     * A client builder for the data commands (and the shell): {@code cluster}'s seeds (null: the
     * default cluster), a short connect timeout, and the connection options' TLS and login.
     */
    static ClientBuilder clientBuilder(ConnectionOptions connection, List<InetSocketAddress> cluster, Path workingDirectory) {
        List<InetSocketAddress> seeds = cluster != null ? cluster : defaultCluster(workingDirectory);
        return connection.apply(ChorusClient.builder().seeds(seeds).connectTimeout(CONNECT_TIMEOUT), workingDirectory);
    }

    /** The local cluster's address file if present, else the three default local ports. */
    static List<InetSocketAddress> defaultCluster(Path workingDirectory) {
        Path file = workingDirectory.resolve(CLUSTER_ADDRESSES_FILE);
        if (!Files.isRegularFile(file)) return Addresses.parseList(DEFAULT_CLUSTER);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            if (lines.isEmpty()) throw new IllegalArgumentException(file + " lists no address");
            return Addresses.parseList(String.join(",", lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
