package io.chorus.node.cli;

import io.chorus.node.security.PasswordHash;
import io.chorus.node.security.Permission;
import io.chorus.node.security.SecretFiles;
import io.chorus.node.security.User;
import io.chorus.node.security.Users;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code user add NAME --password-file F [--permissions read,write] | remove NAME | list}, on the
 * users file of the local cluster in {@code --dir} (or any users file with {@code --file}). Nodes
 * read the file again when it changes, so a change applies to the next login without a restart.
 * The password comes from a file (its first line), never from the command line, and only its salted
 * PBKDF2 hash is written.
 */
final class UserCommand {
    static final String PERMISSIONS_DEFAULT = "read,write";

    private UserCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty()) throw new UsageException("user needs add, remove or list");
        String action = args.get(0);
        boolean named = action.equals("add") || action.equals("remove");
        if (!named && !action.equals("list")) throw new UsageException("unknown user command '" + action + "': use add, remove or list");
        if (named && (args.size() < 2 || args.get(1).startsWith("--"))) throw new UsageException("user " + action + " needs a NAME");
        String name = named ? args.get(1) : null;
        Set<String> optionNames = action.equals("add") ? Set.of("--dir", "--file", "--password-file", "--permissions", "--iterations")
                : Set.of("--dir", "--file");
        Options options = Options.parse(args.subList(named ? 2 : 1, args.size()), optionNames, Set.of());
        Path file = usersFile(options);
        Users users = Files.exists(file) ? read(file) : new Users(Map.of());
        switch (action) {
            case "add" -> {
                User user = newUser(name, options);
                boolean replaced = users.user(name).isPresent();
                write(file, users.with(user));
                out.println((replaced ? "replaced" : "added") + " user " + name + " (" + Permission.text(new TreeSet<>(user.permissions()))
                        + ") in " + file);
            }
            case "remove" -> {
                if (users.user(name).isEmpty()) throw new CliException("no user " + name + " in " + file);
                write(file, users.without(name));
                out.println("removed user " + name + " from " + file);
            }
            default -> list(users, out);
        }
        return Main.EXIT_OK;
    }

    private static Path usersFile(Options options) {
        if (options.value("--file").isPresent() && options.value("--dir").isPresent()) throw new UsageException("give --dir or --file, not both");
        return options.value("--file").map(Path::of).orElseGet(() -> ClusterDir.of(options.value("--dir").orElse(null)).usersFile())
                .toAbsolutePath();
    }

    private static User newUser(String name, Options options) {
        if (!Users.NAME.matcher(name).matches()) {
            throw new CliException("'" + name + "' is not a valid user name (1 to 128 letters, digits, '.', '_', '@', '-')");
        }
        Path passwordFile = Path.of(options.value("--password-file").orElseThrow(() -> new UsageException("user add needs --password-file FILE")));
        byte[] password = firstLine(passwordFile);
        if (password.length == 0) throw new CliException(passwordFile + " holds an empty password");
        Set<Permission> permissions;
        try {
            permissions = Permission.parseList(options.value("--permissions").orElse(PERMISSIONS_DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int iterations = options.intValue("--iterations", 1_000, 10_000_000).orElse(PasswordHash.ITERATIONS_DEFAULT);
        return new User(name, permissions, PasswordHash.create(password, new SecureRandom(), iterations));
    }

    private static byte[] firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read the password file " + file + ": " + Main.describe(e), e);
        }
    }

    private static Users read(Path file) {
        try {
            return Users.read(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private static void write(Path file, Users users) {
        try {
            Files.createDirectories(file.getParent());
            SecretFiles.write(file, users.text(), true);
        } catch (IOException e) {
            throw new CliException("cannot write the users file " + file + ": " + Main.describe(e), e);
        }
    }

    private static void list(Users users, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"USER", "PERMISSIONS"});
        for (User user : users.all()) {
            rows.add(new String[] {user.name(), user.permissions().isEmpty() ? "-" : Permission.text(new TreeSet<>(user.permissions()))});
        }
        out.print(Table.render(rows));
    }
}
