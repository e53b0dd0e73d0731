package io.chorus.node.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a user may do, for the whole cluster (per-namespace grants would add a scope beside it).
 * {@code ADMIN} implies the others; no client request needs it yet, it is reserved for operations
 * on the cluster itself.
 */
public enum Permission {
    READ, WRITE, ADMIN;

    /** "read,write" to a set; "" is no permission at all (the user can only connect). */
    public static Set<Permission> parseList(String text) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String part : text.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) continue;
            try {
                permissions.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown permission '" + name + "' (expected read, write or admin)");
            }
        }
        return permissions;
    }

    public static String text(Set<Permission> permissions) {
        return String.join(",", permissions.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** Whether holding {@code granted} allows what this permission guards. */
    public boolean grantedBy(Set<Permission> granted) {
        return granted.contains(this) || granted.contains(ADMIN);
    }
}
