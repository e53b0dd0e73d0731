package io.chorus.node.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The users file: one user per line, {@code NAME PERMISSIONS HASH} separated by blanks (permissions
 * like {@code read,write}, the hash as {@link PasswordHash#text()}); blank lines and lines starting
 * with {@code #} are ignored. Immutable; {@code chorus user add|remove} rewrites the file, and
 * nodes pick up the new version ({@link UsersFile}).
 */
public final class Users {
    /** User names: what a greeting can carry, and nothing that would break the file's format. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private final Map<String, User> byName;

    public Users(Map<String, User> byName) {
        this.byName = new TreeMap<>(byName);
    }

    public static Users read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        Map<String, User> users = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                User user = parse(line);
                if (users.put(user.name(), user) != null) throw new IllegalArgumentException("user '" + user.name() + "' is listed twice");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Users(users);
    }

    private static User parse(String line) {
        String[] fields = line.split("\\s+");
        if (fields.length != 3) throw new IllegalArgumentException("expected NAME PERMISSIONS HASH, got " + fields.length + " fields");
        if (!NAME.matcher(fields[0]).matches()) throw new IllegalArgumentException("'" + fields[0] + "' is not a valid user name");
        return new User(fields[0], fields[1].equals("-") ? java.util.Set.of() : Permission.parseList(fields[1]), PasswordHash.parse(fields[2]));
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<User> all() {
        return List.copyOf(byName.values());
    }

    public Users with(User user) {
        Map<String, User> next = new TreeMap<>(byName);
        next.put(user.name(), user);
        return new Users(next);
    }

    public Users without(String name) {
        Map<String, User> next = new TreeMap<>(byName);
        next.remove(name);
        return new Users(next);
    }

    /** The file's text; {@code read} of it gives these users back. */
    public String text() {
        List<String> lines = new ArrayList<>();
        lines.add("# Chorus users: NAME PERMISSIONS PASSWORD-HASH. Managed by `chorus user add|remove|list`; nodes reload it on change.");
        for (User user : byName.values()) {
            String permissions = user.permissions().isEmpty() ? "-" : Permission.text(new java.util.TreeSet<>(user.permissions()));
            lines.add(user.name() + " " + permissions + " " + user.password().text());
        }
        return String.join("\n", lines) + "\n";
    }
}
