package io.chorus.replication.ring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdTest {
    @Test
    void epochZeroMintsUnderThePlainNameAndLaterEpochsUnderTheirOwnActor() {
        NodeId n1 = NodeId.of("n1");
        assertEquals("n1", n1.actor(0), "data written before epochs existed stays n1's");
        assertEquals("n1#3", n1.actor(3));
        assertThrows(IllegalArgumentException.class, () -> n1.actor(-1));
    }

    @Test
    void noNodeIsNamedLikeAnotherNodesActor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeId.of("n1#3"));
        assertTrue(e.getMessage().contains("'#'"), e.getMessage());
    }
}
