package io.chorus.node.pipeline;

import io.chorus.node.storage.WalBatch;
import io.chorus.replication.state.Key;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableWritesTest {
    private final List<Integer> submittedRecords = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final DurableWrites<String> writes = new DurableWrites<>(this::submit);

    private Long submit(WalBatch batch) {
        submittedRecords.add(batch.records());
        return (long) submittedRecords.size();
    }

    private void durable(String item) {
        writes.add(Key.of(item), new byte[] {1});
        writes.hold(item);
    }

    @Test
    void oneSubmitPerHandlerBatchAndReleaseOnlyOnceItsBatchIsPersisted() {
        durable("a");
        durable("b");
        writes.endOfBatch(released::add);
        durable("c");
        writes.endOfBatch(released::add);
        assertEquals(List.of(2, 1), submittedRecords, "one writer batch per handler batch");
        assertTrue(released.isEmpty(), "nothing goes before its fsync");
        assertEquals(3, writes.outstanding());

        writes.persisted(1, released::add);
        assertEquals(List.of("a", "b"), released);
        writes.persisted(2, released::add);
        assertEquals(List.of("a", "b", "c"), released);
        assertEquals(0, writes.outstanding());
    }

    @Test
    void aReportCoversEveryEarlierBatchAndRepeatsAreHarmless() {
        for (String item : List.of("a", "b", "c")) {
            durable(item);
            writes.endOfBatch(released::add);
        }
        writes.persisted(3, released::add); // one group commit wrote all three
        writes.persisted(3, released::add);
        writes.persisted(1, released::add);
        assertEquals(List.of("a", "b", "c"), released);
    }

    @Test
    void heldItemsWithoutWritesWaitBehindRunningBatchesOrGoAtOnce() {
        writes.hold("alone");
        writes.endOfBatch(released::add);
        assertEquals(List.of("alone"), released, "nothing is being fsynced: at once");
        assertTrue(submittedRecords.isEmpty(), "no writes, no submit");

        durable("d");
        writes.endOfBatch(released::add);
        writes.hold("after-d");
        writes.endOfBatch(released::add);
        assertEquals(List.of("alone"), released, "waits behind d's batch, keeping the order");
        writes.persisted(1, released::add);
        assertEquals(List.of("alone", "d", "after-d"), released);
    }
}
