package io.chorus.torture.cluster;

import java.nio.file.Path;

/**
 * The OS identity a node process runs as. As root the harness gives every node its own system user
 * ({@code chorus-t1}, ...; created once, kept), so nftables rules can match its packets by socket
 * owner ({@code meta skuid}); otherwise every node runs as the harness's own user and network
 * faults are off.
 *
 * @param name null when the node runs as the harness's user
 */
public record NodeUser(String name, int uid, int gid) {
    public static final NodeUser SELF = new NodeUser(null, -1, -1);

    /** The system user {@code name}, created (no home, no login shell) if missing. */
    public static NodeUser ensure(String name) {
        if (!Shell.works("id", "-u", name)) {
            Shell.run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name);
        }
        return new NodeUser(name, Integer.parseInt(Shell.run("id", "-u", name).strip()), Integer.parseInt(Shell.run("id", "-g", name).strip()));
    }

    public boolean separate() {
        return name != null;
    }

    /** Gives {@code dir} and everything in it to this user. */
    public void own(Path dir) {
        if (separate()) Shell.run("chown", "-R", uid + ":" + gid, dir.toString());
    }
}
