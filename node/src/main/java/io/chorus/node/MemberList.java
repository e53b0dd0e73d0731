package io.chorus.node;

import io.chorus.replication.ring.NodeId;
import io.chorus.replication.topology.Member;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax of node names ({@code node.name}) and of the member list ({@code cluster.members}:
 * {@code name@host:port}, comma-separated, each name once). A bad text fails with an
 * {@link IllegalArgumentException} saying what is wrong with it, which {@link ConfigValues#parsed}
 * turns into a {@link ConfigException} naming the key. Whether the list names this node, and
 * agrees with {@code node.advertise}, are cross-key checks of the whole config, not this syntax.
 */
final class MemberList {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private MemberList() {
    }

    /** A node name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    static NodeId nodeName(String text) {
        if (!NAME.matcher(text).matches()) throw new IllegalArgumentException("'" + text + "' is not a valid node name");
        return NodeId.of(text);
    }

    /** Every member listed, in the order listed; empty entries (a trailing comma) are skipped. */
    static List<Member> parse(String text) {
        List<Member> members = new ArrayList<>();
        for (String entry : text.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            int at = e.indexOf('@');
            if (at < 0) throw new IllegalArgumentException("'" + e + "' has no '@' between name and address");
            NodeId id = nodeName(e.substring(0, at).trim());
            HostPort address = HostPort.parse(e.substring(at + 1));
            if (members.stream().anyMatch(m -> m.id().equals(id))) throw new IllegalArgumentException("node '" + id + "' is listed twice");
            members.add(new Member(id, address.toString()));
        }
        if (members.isEmpty()) throw new IllegalArgumentException("no members listed");
        return members;
    }

    /** The members' names, for an error message. */
    static List<String> names(List<Member> members) {
        return members.stream().map(m -> m.id().name()).toList();
    }
}
