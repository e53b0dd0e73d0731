package io.chorus.client;

import io.chorus.crdt.type.CrdtType;
import io.chorus.crdt.type.Field;
import io.chorus.replication.state.Consistency;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.crdt.MapUpdate;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.CrdtGet;
import io.chorus.replication.message.CrdtUpdate;
import io.chorus.replication.message.ErrorKind;
import io.chorus.replication.message.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.chorus.replication.state.Consistency.ALL;
import static io.chorus.replication.state.Consistency.ONE;
import static io.chorus.replication.state.Consistency.QUORUM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed handles against a fake node that keeps CRDT values: what goes on the wire, what comes back. */
class CrdtHandlesTest {
    private final CrdtStore store = new CrdtStore();
    private final FakeCluster cluster = new FakeCluster(1, 8, 1, request -> store.apply(request));
    private final FakeNode node = cluster.nodes.get(0);
    private final ChorusClient client = ChorusClient.builder().seeds(cluster.seeds()).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void release() {
        client.close();
        cluster.close();
    }

    private List<ClientRequest> sent() {
        return node.received();
    }

    @Test
    void aCounterCountsUpAndDownAtTheLevelOfEachCall() {
        CounterRef hits = client.counter("hits");
        assertEquals(0, hits.value(ONE), "never written reads 0");
        hits.increment(5, QUORUM);
        hits.decrement(2, ALL);
        assertEquals(3, hits.value(QUORUM));

        CrdtUpdate increment = (CrdtUpdate) sent().get(1);
        assertEquals("hits", increment.key().asString());
        assertEquals(new CounterAdd(5), increment.operation());
        assertEquals(Consistency.QUORUM.code(), increment.consistency());
        assertEquals(1, increment.attempt());
        assertEquals(new CounterAdd(-2), ((CrdtUpdate) sent().get(2)).operation());
        CrdtGet read = (CrdtGet) sent().get(3);
        assertEquals(CrdtType.PN_COUNTER, read.type());
        assertEquals(Consistency.QUORUM.code(), read.consistency());
    }

    @Test
    void aDurableHandleAsksEveryUpdateToBeDurableAndSaysItWas() {
        CounterRef hits = client.counter("hits");
        assertFalse(hits.increment(1, QUORUM).durable());
        assertTrue(hits.with(WriteOptions.DURABLE).increment(2, QUORUM).durable());
        assertTrue(client.set("tags").with(WriteOptions.DURABLE).add("x", ONE).durable());
        assertTrue(client.flag("on").with(WriteOptions.DURABLE).enable(ONE).durable());
        assertTrue(client.register("r").with(WriteOptions.DURABLE).set("v", ONE).durable());
        assertTrue(client.lwwRegister("l").with(WriteOptions.DURABLE).set("v", ONE).durable());
        WriteAck map = client.map("m").with(WriteOptions.DURABLE).update(ALL, m -> m.counter("visits").increment(1).set("tags").add("y"));
        assertTrue(map.durable(), "every operation of the map update was durable");
        assertEquals(Context.NONE, map.context(), "CRDT updates carry no context");
        assertFalse(hits.with(WriteOptions.DURABLE).with(WriteOptions.DEFAULT).increment(1, ONE).durable());

        List<Boolean> durable = sent().stream().filter(CrdtUpdate.class::isInstance).map(r -> ((CrdtUpdate) r).durable()).toList();
        assertEquals(List.of(false, true, true, true, true, true, true, true, false), durable);
        assertEquals(4, hits.value(ONE), "a durable handle writes the same key");
    }

    @Test
    void negativeAmountsAreRefusedWithoutSending() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.counter("hits").increment(-1, ONE));
        assertEquals("increment must be >= 0, was -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.counter("hits").decrement(-1, ONE));
        assertTrue(sent().isEmpty());
    }

    @Test
    void aSetTakesTextAndBytesOneOrSeveralAtATime() {
        SetRef tags = client.set("tags");
        tags.add("b", ONE);
        tags.addAll(List.of("a", "c", "d"), ONE);
        tags.add(new byte[]{(byte) 0xff}, ONE);
        tags.remove("c", ONE);
        tags.removeAllBytes(List.of("d".getBytes(StandardCharsets.UTF_8)), ONE);

        assertEquals(List.of("a", "b", "\ufffd"), tags.elements(QUORUM));
        SetView view = tags.read(QUORUM);
        assertTrue(view.contains("a") && view.contains(new byte[]{(byte) 0xff}) && !view.contains("c"));
        assertArrayEquals(new byte[]{(byte) 0xff}, view.elementBytes().get(2));
        assertEquals("{\"a\", \"b\", 0xff}", view.toString());
        assertTrue(tags.contains("b", ONE));
        assertFalse(tags.contains("z", ONE));
        assertEquals(3, ((SetAdd) ((CrdtUpdate) sent().get(1)).operation()).elements().length, "several elements, one operation");

        tags.clear(ALL);
        assertTrue(tags.read(ALL).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> tags.addAll(List.of(), ONE), "an add of nothing is a mistake");
    }

    @Test
    void registersKeepConcurrentValuesOrTheLatest() {
        RegisterRef register = client.register("colour");
        assertEquals(List.of(), register.values(ONE));
        register.set("red", ONE);
        register.set("blue".getBytes(StandardCharsets.UTF_8), ONE);
        assertEquals(List.of("blue"), register.values(ONE), "a write replaces what its replica saw");
        assertFalse(register.read(ONE).hasConcurrentValues());

        LwwRegisterRef name = client.lwwRegister("name");
        assertEquals(Optional.empty(), name.value(ONE));
        name.set("Ada", ONE);
        name.set("Grace", ONE);
        assertEquals(Optional.of("Grace"), name.value(ONE));
        assertEquals("\"Grace\"", name.read(ONE).toString());
    }

    @Test
    void aFlagEnablesAndDisables() {
        FlagRef flag = client.flag("maintenance");
        assertFalse(flag.enabled(ONE));
        flag.enable(QUORUM);
        assertTrue(flag.enabled(QUORUM));
        flag.disable(QUORUM);
        assertFalse(flag.enabled(QUORUM));
    }

    @Test
    void aMapUpdateSendsOneOperationPerFieldInOrderAndReadsBackAsAView() {
        MapRef profile = client.map("profile");
        profile.update(QUORUM, m -> m.counter("visits").increment(1).counter("visits").increment(2)
                .set("tags").add("x").set("tags").add("y")
                .flag("verified").enable()
                .map("address").update(a -> a.lwwRegister("city").set("Oslo").register("zip").set("0150")));

        List<CrdtUpdate> updates = sent().stream().map(CrdtUpdate.class::cast).toList();
        assertEquals(List.of("visits (counter)", "tags (set)", "verified (flag)", "address.city (last-writer-wins register)",
                "address.zip (multi-value register)"), updates.stream().map(u -> MapRef.describe(u.operation())).toList());
        assertEquals(new MapUpdate("visits", new CounterAdd(3)), updates.get(0).operation(), "consecutive increments add up");
        assertEquals(5, updates.stream().mapToLong(CrdtUpdate::operationId).distinct().count(), "each its own operation id");

        MapView view = profile.get(ALL);
        assertEquals(3, view.counter("visits").value());
        assertEquals(List.of("x", "y"), view.set("tags").elements());
        assertTrue(view.flag("verified").enabled());
        assertEquals(Optional.of("Oslo"), view.map("address").lwwRegister("city").value());
        assertEquals(List.of("0150"), view.map("address").register("zip").values());
        assertEquals(0, view.counter("absent").value(), "an absent field reads as its type's empty value");
        assertEquals(List.of("address", "tags", "verified", "visits"), view.fields().stream().map(Field::name).toList());
        assertInstanceOf(MapView.class, view.view(new Field("address", CrdtType.OR_MAP)));

        profile.update(ONE, m -> m.counter("visits").removeField());
        assertFalse(profile.get(ONE).fields().contains(new Field("visits", CrdtType.PN_COUNTER)));
    }

    @Test
    void aMapUpdateThatFailsMidwaySaysWhatWasApplied() {
        node.script(request -> request instanceof CrdtUpdate u && MapRef.describe(u.operation()).startsWith("tags")
                ? new Failure(ErrorKind.INVALID_REQUEST, "set elements total 2000000 bytes, over the limit valueBytesMax=1048576")
                : store.apply(request));

        ChorusException e = assertThrows(ChorusException.class, () -> client.map("profile")
                .update(QUORUM, m -> m.counter("visits").increment(1).set("tags").add("x").flag("seen").enable()));

        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().endsWith("(map update stopped at field tags (set): 1 of 3 operations applied before it, 1 not sent)"),
                e.getMessage());
        assertEquals(2, sent().size(), "nothing is sent after the failed field");
        node.script(store);
        assertEquals(1, client.map("profile").get(ONE).counter("visits").value());
    }

    @Test
    void anEmptyMapUpdateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> client.map("m").update(ONE, m -> { }));
        assertThrows(IllegalArgumentException.class, () -> client.map("m").update(ONE, m -> m.counter("").increment(1)));
        assertTrue(sent().isEmpty());
    }

    @Test
    void aTypeMismatchIsInvalidRequestNamingBothTypes() {
        client.counter("hits").increment(1, ONE);

        ChorusException update = assertThrows(ChorusException.class, () -> client.set("hits").add("x", ONE));
        assertEquals(ErrorKind.INVALID_REQUEST, update.kind());
        assertTrue(update.getMessage().contains("holds a counter, not a set"), update.getMessage());
        ChorusException read = assertThrows(ChorusException.class, () -> client.map("hits").get(ONE));
        assertTrue(read.getMessage().contains("holds a counter, not a map"), read.getMessage());
    }

    @Test
    void asyncFormsCompleteWithTheValueOrTheFailure() throws Exception {
        client.counter("hits").incrementAsync(7, ONE).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(7L, client.counter("hits").valueAsync(ONE).toCompletableFuture().get(5, TimeUnit.SECONDS));
        client.map("m").updateAsync(ONE, m -> m.flag("f").enable()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(client.map("m").getAsync(ONE).toCompletableFuture().get(5, TimeUnit.SECONDS).flag("f").enabled());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.set("hits").readAsync(ONE).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(ErrorKind.INVALID_REQUEST, assertInstanceOf(ChorusException.class, e.getCause()).kind());
    }

    @Test
    void anOperationTooLargeForAFrameIsRefusedWithoutSending() {
        ChorusException e = assertThrows(ChorusException.class, () -> client.register("big").set(new byte[3 << 20], Consistency.ONE));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("frameBytesMax"), e.getMessage());
        assertTrue(sent().isEmpty());
    }
}
