package io.chorus.client;

import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.ring.Ring;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Fake nodes {@code n1..nK} that describe themselves as one cluster, all answering with one script. */
final class FakeCluster implements AutoCloseable {
    final List<FakeNode> nodes = new ArrayList<>();
    final int partitions;
    final int replicationFactor;

    FakeCluster(int size, int partitions, int replicationFactor, Function<ClientRequest, ClientResponse> script) {
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        for (int i = 1; i <= size; i++) nodes.add(new FakeNode("n" + i, script));
        String[] names = nodes.stream().map(FakeNode::name).toArray(String[]::new);
        String[] addresses = nodes.stream().map(FakeNode::hostPort).toArray(String[]::new);
        ClusterDescription description = new ClusterDescription(names, addresses, partitions, replicationFactor);
        nodes.forEach(node -> node.describeAs(description));
    }

    List<InetSocketAddress> seeds() {
        return nodes.stream().map(FakeNode::address).toList();
    }

    String seedsText() {
        return String.join(",", nodes.stream().map(FakeNode::hostPort).toList());
    }

    FakeNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** The key's preference list computed independently of the client, as the nodes would. */
    List<FakeNode> preferenceList(byte[] key) {
        Ring ring = Ring.create(nodes.stream().map(n -> NodeId.of(n.name())).toList(), partitions);
        return ring.preferenceList(key, replicationFactor).primaries().stream().map(id -> node(id.name())).toList();
    }

    @Override
    public void close() {
        nodes.forEach(FakeNode::close);
    }
}
