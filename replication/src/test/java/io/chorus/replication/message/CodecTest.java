package io.chorus.replication.message;

import io.chorus.replication.state.Consistency;

import io.chorus.replication.state.Key;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class CodecTest {
    final Codec codec = new Codec();
    static final Key KEY = Key.of("greeting");
    static final KeyState SIBLINGS = KeyState.empty()
            .update(VersionVector.empty(), "hello".getBytes(StandardCharsets.UTF_8), "n1")
            .update(VersionVector.empty(), null, "n2");
    /** A TTL value (empty, then 1 KB), a tombstone, and a value that never expires. */
    static final KeyState EXPIRING = SIBLINGS.update(VersionVector.empty(), new byte[0], "n3", 1_700_000_000_000L)
            .update(VersionVector.empty(), new byte[1024], "n4", Long.MAX_VALUE);
    static final VersionVector VV = VersionVector.of(new TreeMap<>(Map.of("n1", 3L, "n2", 7L)));

    /** One of every message, with nulls where fields may be null. */
    static List<Message> everyMessage() {
        return List.of(
                new Heartbeat(),
                new ReplicaRead(1, KEY), new ReplicaReadResult(2, KEY, SIBLINGS), new ReplicaReadResult(2, KEY, KeyState.empty()),
                new ReplicaWrite(3, KEY, SIBLINGS, true, false), ReplicaWrite.repair(KEY, SIBLINGS), new ReplicaWriteAck(4, KEY, null), new ReplicaWriteAck(4, KEY, "full"),
                new MintWrite(5, KEY, new byte[]{1, 2}, VV, true), new MintWrite(5, KEY, null, VersionVector.empty(), false),
                MintResult.ok(6, KEY, SIBLINGS, VV, 3), MintResult.refused(6, KEY, ErrorKind.TOO_MANY_SIBLINGS, "too many"),
                new TreeNodes(1, new int[]{1, 5}, new int[]{0, 31}, new long[]{-1L, 42L}),
                new SyncLeaves(new int[]{5}, new int[]{1023}),
                new LeafKeys(new Key[]{KEY, Key.of("b")}, new long[]{1, 2}), new PullKeys(new Key[]{KEY}),
                new HintWrite(9, KEY, SIBLINGS, NodeId.of("n3"), true), new PurgeTombstone(KEY, VV),
                new ClientFrame(7, new Get(KEY, Consistency.QUORUM.code())),
                new ClientFrame(8, new Put(KEY, new byte[]{9}, CausalContext.encode(VV), Consistency.ALL.code(), false)),
                new ClientFrame(8, new Put(KEY, new byte[0], null, Consistency.ONE.code(), false)),
                new ClientFrame(9, new Delete(KEY, null, Consistency.TWO.code(), true)), new ClientFrame(10, new DescribeCluster()),
                new ClientReply(11, new GetResult(new byte[][]{{1}, {2, 3}}, new byte[]{1})),
                new ClientReply(12, new WriteResult(new byte[0], false)), new ClientReply(12, new WriteResult(new byte[]{4}, true)),
                new ClientReply(13, new Failure(ErrorKind.UNAVAILABLE, "(need 3, alive 2)")),
                new ClientReply(14, new ClusterDescription(new String[]{"n1"}, new String[]{"127.0.0.1:7401"}, 64, 1)),
                new ClientFrame(15, new CrdtUpdate(KEY, new io.chorus.replication.crdt.MapUpdate("f",
                        new io.chorus.replication.crdt.SetAdd(new byte[][]{{1}})), 99, 1, Consistency.ONE.code(), false)),
                new ClientFrame(16, new CrdtUpdate(KEY, new io.chorus.replication.crdt.CounterAdd(-3), 100, 1, Consistency.ONE.code(), true)),
                new ClientFrame(17, new CrdtGet(KEY, io.chorus.crdt.type.CrdtType.OR_MAP, Consistency.ALL.code())),
                new ClientReply(18, new CrdtValue(new byte[]{1, 2})),
                new CrdtMint(19, KEY, new io.chorus.replication.crdt.MapRemove("f", io.chorus.crdt.type.CrdtType.EW_FLAG), 5, true),
                new ReplicaWrite(21, KEY, EXPIRING, true, false), new HintWrite(22, KEY, EXPIRING, NodeId.of("n2"), false),
                new MintWrite(23, KEY, new byte[]{7}, VV, false, 4, 1_700_000_000_000L),
                new ClientFrame(24, new Put(KEY, new byte[]{9}, null, Consistency.ONE.code(), false, 2, 1, null, Put.TTL_MILLIS_MAX)),
                new ReplicaWrite(20, KEY, KeyState.ofCrdt(io.chorus.crdt.type.PnCounter.empty().increment("n1", 4).state(),
                        io.chorus.replication.state.AppliedOps.of(7, 3)), true, true));
    }

    @Test
    void everyMessageSurvivesARoundTrip() {
        for (Message m : everyMessage()) {
            Message back = codec.decode(codec.encode(m));
            assertEquals(m.getClass(), back.getClass());
            assertEquals(describe(m), describe(back), "round trip of " + m.getClass().getSimpleName());
        }
    }

    @Test
    void consistencyCodesAndDurableFlagsSurviveARoundTrip() {
        for (Consistency level : Consistency.values()) {
            for (boolean durable : new boolean[]{false, true}) {
                Put put = (Put) request(new Put(KEY, new byte[]{1}, null, level.code(), durable));
                assertEquals(level, Consistency.ofCode(put.consistency()));
                assertEquals(durable, put.durable());
                Delete delete = (Delete) request(new Delete(KEY, new byte[]{2}, level.code(), durable));
                assertEquals(level.code(), delete.consistency());
                assertEquals(durable, delete.durable());
                CrdtUpdate update = (CrdtUpdate) request(new CrdtUpdate(KEY, new io.chorus.replication.crdt.CounterAdd(1), 7, 2, level.code(), durable));
                assertEquals(level.code(), update.consistency());
                assertEquals(durable, update.durable());
                assertEquals(level.code(), ((Get) request(new Get(KEY, level.code()))).consistency());
                assertEquals(level.code(), ((CrdtGet) request(new CrdtGet(KEY, io.chorus.crdt.type.CrdtType.PN_COUNTER, level.code()))).consistency());
                WriteResult result = (WriteResult) ((ClientReply) codec.decode(codec.encode(new ClientReply(1, new WriteResult(new byte[]{3}, durable))))).response();
                assertEquals(durable, result.durable());
                assertArrayEquals(new byte[]{3}, result.context());
                WriteResult named = (WriteResult) ((ClientReply) codec.decode(codec.encode(new ClientReply(1,
                        new WriteResult(new byte[]{3}, durable, new String[]{"n1", "n3"}))))).response();
                assertArrayEquals(new String[]{"n1", "n3"}, named.ackedBy());
                GetResult read = (GetResult) ((ClientReply) codec.decode(codec.encode(new ClientReply(1,
                        new GetResult(new byte[][]{{1}}, new byte[]{2}, new String[]{"n2"}, durable))))).response();
                assertArrayEquals(new String[]{"n2"}, read.answeredBy());
                assertEquals(durable, read.readRepair());
            }
        }
    }

    @Test
    void anUnknownConsistencyCodeStillDecodesSoTheNodeCanAnswerIt() {
        // The codec carries the byte as is; the replica's validator refuses it with InvalidRequest.
        for (byte code : new byte[]{0, 5, 9, -1}) {
            assertEquals(code, ((Get) request(new Get(KEY, code))).consistency());
            assertEquals(code, ((Put) request(new Put(KEY, new byte[0], null, code, true))).consistency());
        }
    }

    private ClientRequest request(ClientRequest request) {
        return ((ClientFrame) codec.decode(codec.encode(new ClientFrame(1, request)))).request();
    }

    @Test
    void decodingGarbageIsACodecErrorNeverACrash() {
        qt().forAll(lists().of(integers().between(-128, 127)).ofSizeBetween(0, 64)).check(ints -> {
            byte[] bytes = new byte[ints.size()];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (int) ints.get(i);
            try {
                codec.decode(bytes);
                return true; // some short byte strings are valid messages
            } catch (CodecException e) {
                return e.getMessage().startsWith("cannot decode message");
            }
        });
    }

    @Test
    void aForgedLengthIsRefusedBeforeAllocating() {
        byte[] valid = codec.encode(new ClientFrame(1, new Put(KEY, new byte[10], null, Consistency.ONE.code(), false)));
        // every message's variable fields go through readLength: claim a 2 GB key right after the ids
        byte[] forged = Arrays.copyOf(valid, valid.length);
        int keyLengthAt = 3; // class id (1 byte), request id (1 byte varlong), put class id (1 byte)
        forged[keyLengthAt] = (byte) 0xFF;
        forged[keyLengthAt + 1] = (byte) 0xFF;
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(forged));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void aClassWrittenByNameIsRefusedBeforeItsNameIsRead() {
        // tag 1 = "class by name", name id 0, then a Kryo UTF-8 string header claiming 2^27 chars:
        // Kryo's stock resolver allocates a char[] of that size before finding the class unregistered
        byte[] frame = new byte[25];
        frame[0] = 1;
        frame[1] = 0;
        writeKryoUtf8Length(frame, 2, 1 << 27);
        long allocatedBefore = allocatedBytes();
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(frame));
        long allocated = allocatedBytes() - allocatedBefore;
        assertTrue(allocated < 1 << 20, "decoding a 25-byte frame allocated " + allocated + " bytes");
        assertTrue(e.getMessage().contains("by name"), e.getMessage());
    }

    /** Kryo's UTF-8 string header: flag bits 0x80 (not ASCII) and 0x40 (more), 6 bits, then 7-bit groups. */
    private static void writeKryoUtf8Length(byte[] into, int at, int charCount) {
        int v = charCount + 1;
        into[at] = (byte) (0x80 | 0x40 | (v & 0x3F));
        into[at + 1] = (byte) (0x80 | ((v >>> 6) & 0x7F));
        into[at + 2] = (byte) (0x80 | ((v >>> 13) & 0x7F));
        into[at + 3] = (byte) (0x80 | ((v >>> 20) & 0x7F));
        into[at + 4] = (byte) (v >>> 27);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] valid = codec.encode(new Heartbeat());
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        assertThrows(CodecException.class, () -> codec.decode(longer));
    }

    @Test
    void storageFormatRoundTrips() {
        assertEquals(SIBLINGS, codec.decodeSiblings(codec.encodeSiblings(SIBLINGS)));
        assertEquals(KeyState.empty(), codec.decodeSiblings(codec.encodeSiblings(KeyState.empty())));
    }

    @Test
    void causalContextRoundTripsAndRejectsMalformedInput() {
        assertEquals(VV, CausalContext.decode(CausalContext.encode(VV)));
        assertEquals(VV, CausalContext.decode(CausalContext.fromText(CausalContext.toText(CausalContext.encode(VV)))));
        assertEquals(VersionVector.empty(), CausalContext.decode(null));
        byte[] encoded = CausalContext.encode(VV);
        assertThrows(IllegalArgumentException.class, () -> CausalContext.decode(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> CausalContext.decode(new byte[]{9, 1}));
        assertThrows(IllegalArgumentException.class, () -> CausalContext.fromText("not base64!"));
    }

    /** Records with arrays compare by identity; compare their readable form instead. */
    static String describe(Object o) {
        if (o instanceof byte[] b) return Arrays.toString(b);
        if (o instanceof byte[][] b) return Arrays.deepToString(b);
        if (o instanceof Object[] a) return Arrays.deepToString(a);
        if (o instanceof int[] a) return Arrays.toString(a);
        if (o instanceof long[] a) return Arrays.toString(a);
        if (o instanceof Record r) {
            StringBuilder s = new StringBuilder(r.getClass().getSimpleName()).append('(');
            for (var c : r.getClass().getRecordComponents()) {
                try {
                    s.append(c.getName()).append('=').append(describe(c.getAccessor().invoke(r))).append(',');
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return s.append(')').toString();
        }
        return String.valueOf(o);
    }

    @Test
    void aStateStoredBeforeExpiriesExistedReadsTheSame() {
        byte[] stored = java.util.HexFormat.of().parseHex("02026e3101026e320102026e31010668656c6c6f026e3201000000"); // SIBLINGS, as the code before TTLs stored it
        assertEquals(SIBLINGS, codec.decodeSiblings(stored));
        assertArrayEquals(stored, codec.encodeSiblings(SIBLINGS), "a state without expiries is stored as it was");
    }

    @Test
    void expiriesSurviveStorageAndForgedOnesAreRefused() {
        KeyState back = codec.decodeSiblings(codec.encodeSiblings(EXPIRING));
        assertEquals(EXPIRING, back);
        assertEquals(1_700_000_000_000L, back.siblings().get(2).expiresAtMillis());
        byte[] forged = codec.encodeSiblings(KeyState.empty().update(VersionVector.empty(), new byte[]{5}, "n1", 1));
        forged[forged.length - 3] = 0; // the expiry varlong 1 -> 0: an expiring tag without a valid expiry
        assertThrows(CodecException.class, () -> codec.decodeSiblings(forged));
    }

    @Test
    void describeSeesArrayContents() {
        assertArrayEquals(new byte[]{1}, new byte[]{1});
        assertTrue(!describe(new WriteResult(new byte[]{1}, false)).equals(describe(new WriteResult(new byte[]{2}, false))));
    }
}
