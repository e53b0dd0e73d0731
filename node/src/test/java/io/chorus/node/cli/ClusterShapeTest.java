package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterShapeTest {
    private static final Path SOURCE = Path.of("/c/cluster.addresses");

    @Test
    void namesNodesN1ToNOnConsecutivePortsOfLoopback() {
        ClusterShape shape = ClusterShape.local(3, 7401);
        assertEquals(List.of(new NodeSpec("n1", "127.0.0.1", 7401), new NodeSpec("n2", "127.0.0.1", 7402),
                new NodeSpec("n3", "127.0.0.1", 7403)), shape.nodes());
        assertEquals("n1@127.0.0.1:7401,n2@127.0.0.1:7402,n3@127.0.0.1:7403", shape.membersValue());
        assertEquals("127.0.0.1:7401\n127.0.0.1:7402\n127.0.0.1:7403\n", shape.addressesText());
        assertEquals(7401, shape.basePort());
    }

    @Test
    void replicationFactorIsThreeOrTheNodeCountIfSmaller() {
        assertEquals(1, ClusterShape.local(1, 7401).replicationFactor());
        assertEquals(2, ClusterShape.local(2, 7401).replicationFactor());
        assertEquals(3, ClusterShape.local(3, 7401).replicationFactor());
        assertEquals(3, ClusterShape.local(7, 7401).replicationFactor());
    }

    @Test
    void theAddressesFileReadsBackAsTheSameShape() {
        ClusterShape shape = ClusterShape.local(5, 20000);
        assertEquals(shape, ClusterShape.parseAddresses(shape.addressesText(), SOURCE));
    }

    @Test
    void addressesFileMaySkipBlankLinesAndComments() {
        ClusterShape shape = ClusterShape.parseAddresses("# local\n\n  10.0.0.1:9000  \n10.0.0.2:9001", SOURCE);
        assertEquals(List.of(new NodeSpec("n1", "10.0.0.1", 9000), new NodeSpec("n2", "10.0.0.2", 9001)), shape.nodes());
    }

    @Test
    void aBrokenAddressesFileIsNamedWithItsLine() {
        CliException e = assertThrows(CliException.class, () -> ClusterShape.parseAddresses("127.0.0.1:1\nlocalhost\n", SOURCE));
        assertEquals("/c/cluster.addresses line 2: expected host:port, got 'localhost'", e.getMessage());
        assertThrows(CliException.class, () -> ClusterShape.parseAddresses("h:70000\n", SOURCE));
        assertThrows(CliException.class, () -> ClusterShape.parseAddresses(":7401\n", SOURCE));
        CliException empty = assertThrows(CliException.class, () -> ClusterShape.parseAddresses("\n# nothing\n", SOURCE));
        assertTrue(empty.getMessage().contains("lists 0 nodes"), empty.getMessage());
    }

    @Test
    void refusesCountsAndPortsOutOfRange() {
        assertThrows(UsageException.class, () -> ClusterShape.local(0, 7401));
        assertThrows(UsageException.class, () -> ClusterShape.local(ClusterShape.NODES_MAX + 1, 7401));
        UsageException ports = assertThrows(UsageException.class, () -> ClusterShape.local(3, 65534));
        assertEquals("ports 65534..65536 are not all valid ports", ports.getMessage());
    }
}
