package io.chorus.node.security;

import java.util.Set;

/** One line of the users file: a name, what it may do, and its stored password hash. */
public record User(String name, Set<Permission> permissions, PasswordHash password) {
    public User {
        permissions = Set.copyOf(permissions);
    }
}
