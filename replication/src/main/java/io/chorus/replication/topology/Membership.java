package io.chorus.replication.topology;

import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import java.util.List;
import java.util.Optional;

/**
 * The cluster's static membership (from config for now; gossip later) and the ring derived from it.
 * Every node must be given the same members and partition count, so that they agree on placement.
 */
public record Membership(List<Member> members, int partitions) {
    public Membership {
        members = List.copyOf(members);
        if (members.isEmpty()) throw new IllegalArgumentException("membership needs at least one member");
        if (members.stream().map(Member::id).distinct().count() != members.size()) {
            throw new IllegalArgumentException("membership names a node twice: " + members);
        }
    }

    public static Membership of(List<Member> members) {
        return new Membership(members, Ring.defaultPartitions(members.size()));
    }

    public Ring ring() {
        return Ring.create(members.stream().map(Member::id).toList(), partitions);
    }

    public Optional<Member> member(NodeId id) {
        for (Member m : members) {
            if (m.id().equals(id)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
