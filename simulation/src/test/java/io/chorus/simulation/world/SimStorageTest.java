package io.chorus.simulation.world;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SimStorageTest {
    private static final Key K1 = Key.of("k1"), K2 = Key.of("k2");
    private static final KeyState V1 = KeyState.empty().update(VersionVector.empty(), new byte[]{1}, "n1");
    private static final KeyState V2 = V1.update(V1.context(), new byte[]{2}, "n1");

    @Test
    void withoutThePowerLossModelEveryPutIsDurable() {
        SimStorage storage = new SimStorage(false, (k, before, after) -> { });
        storage.put(K1, V1);
        assertEquals(0, storage.losePower());
        assertEquals(V1, storage.get(K1));
    }

    @Test
    void powerLossDropsExactlyTheUnsyncedPuts() {
        SimStorage storage = new SimStorage(true, (k, before, after) -> { });
        storage.put(K1, V1);
        storage.sync();
        storage.put(K1, V2);
        storage.put(K2, V1);
        assertEquals(V2, storage.get(K1), "unsynced puts are visible to the running process");
        assertEquals(2, storage.size());
        assertEquals(2, storage.losePower());
        assertEquals(V1, storage.get(K1));
        assertNull(storage.get(K2));
        assertEquals(1, storage.size());
    }

    @Test
    void theObserverSeesEachPutWithTheStateItReplaces() {
        List<String> seen = new ArrayList<>();
        SimStorage storage = new SimStorage(true, (k, before, after) -> seen.add(k.asString() + ":" + (before == null ? "none" : before.size()) + "->" + after.size()));
        storage.put(K1, V1);
        storage.put(K1, V2);
        assertEquals(List.of("k1:none->1", "k1:1->1"), seen);
    }

    @Test
    void theObserverSeesWhatAPowerLossDropsAndWhatIsLeft() {
        List<String> lost = new ArrayList<>();
        SimStorage storage = new SimStorage(true, new SimStorage.Observer() {
            @Override
            public void stored(Key key, KeyState before, KeyState after) {
            }

            @Override
            public void lost(Key key, KeyState durable, KeyState dropped) {
                lost.add(key.asString() + ":" + (durable == null ? "none" : durable.equals(V1) ? "V1" : "?") + "<-" + (dropped.equals(V2) ? "V2" : "V1"));
            }
        });
        storage.put(K1, V1);
        storage.sync();
        storage.put(K1, V2);
        storage.put(K2, V1);
        storage.losePower();
        assertEquals(List.of("k1:V1<-V2", "k2:none<-V1"), lost);
    }
}
