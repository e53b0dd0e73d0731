package io.chorus.client;

import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.crdt.CrdtOp;
import io.chorus.replication.crdt.FlagSet;
import io.chorus.replication.crdt.MapRemove;
import io.chorus.replication.crdt.MapUpdate;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetRemove;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MapUpdatesTest {
    private static List<CrdtOp> operations(Consumer<MapUpdates> changes) {
        MapUpdates updates = new MapUpdates();
        changes.accept(updates);
        return updates.operations();
    }

    private static List<String> elements(CrdtOp operation) {
        byte[][] bytes = operation instanceof SetAdd add ? add.elements() : ((SetRemove) operation).elements();
        return Arrays.stream(bytes).map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void eachFieldChangeIsOneMapOperationInOrder() {
        List<CrdtOp> ops = operations(m -> m.flag("a").enable().counter("b").decrement(3).flag("a").disable().set("c").removeField());
        assertEquals(List.of(new MapUpdate("a", new FlagSet(true)), new MapUpdate("b", new CounterAdd(-3)),
                new MapUpdate("a", new FlagSet(false)), new MapRemove("c", CrdtType.OR_SET)), ops);
    }

    @Test
    void consecutiveChangesOfOneFieldThatAddUpAreCombined() {
        List<CrdtOp> ops = operations(m -> m.counter("n").increment(5).counter("n").decrement(2)
                .set("s").add("x").set("s").add("y", "z").set("s").remove("x").set("s").remove("y"));
        assertEquals(3, ops.size(), ops.toString());
        assertEquals(new MapUpdate("n", new CounterAdd(3)), ops.get(0));
        assertEquals(List.of("x", "y", "z"), elements(((MapUpdate) ops.get(1)).operation()));
        assertEquals(List.of("x", "y"), elements(((MapUpdate) ops.get(2)).operation()));
    }

    @Test
    void changesThatDoNotAddUpStaySeparate() {
        assertEquals(2, operations(m -> m.set("s").add("x").set("s").remove("x")).size(), "order matters between add and remove");
        assertEquals(2, operations(m -> m.counter("x").increment(1).set("x").add("x")).size(), "two fields: a name and a type each");
        assertEquals(2, operations(m -> m.counter("n").increment(Long.MAX_VALUE).counter("n").increment(1)).size(), "no overflow");
        assertEquals(3, operations(m -> m.counter("a").increment(1).counter("b").increment(1).counter("a").increment(1)).size(),
                "only neighbours combine: the order of fields is kept");
        byte[] big = new byte[MapUpdates.COMBINED_ELEMENT_BYTES_MAX];
        assertEquals(2, operations(m -> m.set("s").add(big).set("s").add(new byte[1])).size(), "combining never builds an oversized operation");
    }

    @Test
    void nestedMapsNestTheirOperationsAndCombineInside() {
        List<CrdtOp> ops = operations(m -> m.map("address").update(a -> a.counter("moves").increment(1).counter("moves").increment(1)
                .map("geo").update(g -> g.lwwRegister("lat").set("59.9"))));
        assertEquals(2, ops.size(), ops.toString());
        assertEquals(new MapUpdate("address", new MapUpdate("moves", new CounterAdd(2))), ops.get(0));
        MapUpdate geo = assertInstanceOf(MapUpdate.class, ((MapUpdate) ops.get(1)).operation());
        assertEquals("geo", geo.field());
        assertEquals("address.geo.lat (last-writer-wins register)", MapRef.describe(ops.get(1)));
        assertEquals("address.moves (counter)", MapRef.describe(ops.get(0)));
        assertEquals("tags (set, removing it)", MapRef.describe(new MapRemove("tags", CrdtType.OR_SET)));
    }

    @Test
    void badArgumentsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> operations(m -> m.counter("n").increment(-1)));
        assertThrows(IllegalArgumentException.class, () -> operations(m -> m.set("s").add(new String[0])));
        assertThrows(IllegalArgumentException.class, () -> operations(m -> m.flag("").enable()));
        assertThrows(NullPointerException.class, () -> operations(m -> m.register("r").set((String) null)));
        assertNull(MapUpdates.combined(new FlagSet(true), new FlagSet(true)), "flags are not combined");
    }
}
