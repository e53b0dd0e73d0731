package io.chorus.crdt.type;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metadata is bounded by the number of nodes, not by clients, operations or removed elements:
 * 1,000 clients send 10,000 operations through 3 nodes, deltas arrive out of order and
 * duplicated, and the converged state's metadata is the same size after 1,000 operations as
 * after 10,000.
 */
class MetadataBoundTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final int CLIENTS = 1_000;
    private static final int OPERATIONS = 10_000;
    private static final int CHECKPOINT = 1_000;

    /** Clients never mint dots: each client's operation goes through some node, which mints it. */
    private static int coordinatorOf(int client, int operation) {
        return (client + operation) % NODES.size();
    }

    @Test
    void aCounterUpdatedByThousandsOfClientsHoldsOneEntryPerNode() {
        Cluster<PnCounter> cluster = new Cluster<>(NODES, PnCounter.empty(), 1);
        int encodedBytesAtCheckpoint = 0;
        for (int op = 1; op <= OPERATIONS; op++) {
            int client = op % CLIENTS;
            cluster.submit(coordinatorOf(client, op), (node, counter) -> counter.increment(node, 1));
            if (op == CHECKPOINT) encodedBytesAtCheckpoint = assertBoundedByNodes(cluster.converge()).length;
        }
        PnCounter converged = cluster.converge();
        assertEquals(OPERATIONS, converged.value());
        assertEquals(3, converged.dots().size(), "one entry per node");
        assertEquals(encodedBytesAtCheckpoint, assertBoundedByNodes(converged).length,
                "encoded size grew between " + CHECKPOINT + " and " + OPERATIONS + " operations");
    }

    @Test
    void aSetKeepsNoMetadataForRemovedElements() {
        Cluster<OrSet> cluster = new Cluster<>(NODES, OrSet.empty(), 2);
        int encodedBytesAtCheckpoint = 0;
        for (int op = 1; op <= OPERATIONS; op++) {
            Bytes element = Bytes.utf8("client" + (op % CLIENTS) + "-item" + op);
            int coordinator = coordinatorOf(op % CLIENTS, op);
            cluster.submit(coordinator, (node, set) -> set.add(node, element));
            // Another node removes it once it has seen the add (or does nothing yet: removes are observed).
            cluster.deliver(5);
            cluster.submit((coordinator + 1) % NODES.size(), (node, set) -> set.remove(element));
            if (op == CHECKPOINT) encodedBytesAtCheckpoint = assertBoundedByNodes(cluster.converge()).length;
        }
        OrSet converged = cluster.converge();
        // Removes that ran before the add arrived removed nothing: those elements remain, as add-wins says.
        assertTrue(converged.size() < OPERATIONS, "some removes must have observed their add");
        OrSet cleaned = converged;
        for (Bytes element : converged.elements()) cleaned = cleaned.remove(element).state();
        assertTrue(cleaned.isEmpty());
        byte[] encoded = assertBoundedByNodes(cleaned);
        assertTrue(encoded.length <= encodedBytesAtCheckpoint + NODES.size(),
                "an emptied set of " + OPERATIONS + " removed elements encodes to " + encoded.length + " bytes");
    }

    @Test
    void aMapWhoseFieldsComeAndGoHoldsOnlyItsLiveFieldsDots() {
        Cluster<OrMap> cluster = new Cluster<>(NODES, OrMap.empty(), 3);
        for (int op = 1; op <= OPERATIONS; op++) {
            String field = "field" + (op % 20);
            int coordinator = coordinatorOf(op % CLIENTS, op);
            if (op % 7 == 0) {
                cluster.submit(coordinator, (node, map) -> map.remove(field, OrSet.class));
            } else {
                Bytes element = Bytes.utf8("client" + (op % CLIENTS));
                cluster.submit(coordinator, (node, map) -> map.update(field, OrSet.class, set -> set.add(node, element))
                        .andThen(next -> next.update("total", PnCounter.class, c -> c.increment(node, 1))));
            }
        }
        OrMap converged = cluster.converge();
        assertBoundedByNodes(converged);
        int liveElements = converged.fields().stream().filter(f -> f.type() == CrdtType.OR_SET)
                .mapToInt(f -> ((OrSet) converged.get(f)).size()).sum();
        assertTrue(converged.dots().size() <= liveElements * NODES.size() + NODES.size(),
                converged.dots().size() + " dots for " + liveElements + " live elements");
    }

    /** The context is a bare version vector with at most one entry per node; returns the encoding. */
    private static byte[] assertBoundedByNodes(Crdt<?> converged) {
        assertTrue(converged.context().compact().size() <= NODES.size(), "context " + converged.context());
        assertTrue(converged.context().cloud().isEmpty(), "every delta arrived, yet the context has gaps");
        return CrdtCodec.encode(converged);
    }
}
