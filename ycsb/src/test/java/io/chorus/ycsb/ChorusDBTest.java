package io.chorus.ycsb;

import io.chorus.replication.message.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import site.ycsb.ByteIterator;
import site.ycsb.DBException;
import site.ycsb.Status;
import site.ycsb.StringByteIterator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChorusDBTest {
    FakeKeyValue fake;
    int connects;
    ChorusDB db;

    @BeforeEach
    void setUp() throws DBException {
        fake = new FakeKeyValue();
        ChorusDB.connector = p -> {
            connects++;
            return fake;
        };
        db = open("chorus.readconsistency", "one", "chorus.writeconsistency", "QUORUM", "fieldcount", "3");
    }

    @AfterEach
    void tearDown() throws DBException {
        db.cleanup();
        ChorusDB.connector = ChorusDB::connect;
    }

    ChorusDB open(String... props) throws DBException {
        Properties p = new Properties();
        for (int i = 0; i < props.length; i += 2) p.setProperty(props[i], props[i + 1]);
        ChorusDB d = new ChorusDB();
        d.setProperties(p);
        d.init();
        return d;
    }

    static Map<String, ByteIterator> fields(String... nameValue) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], nameValue[i + 1]);
        return StringByteIterator.getByteIteratorMap(m);
    }

    Map<String, String> read(String key) {
        Map<String, ByteIterator> result = new HashMap<>();
        assertEquals(Status.OK, db.read("usertable", key, null, result));
        return new TreeMap<>(StringByteIterator.getStringMap(result));
    }

    @Test
    void aRecordIsInsertedAndReadBackWholeOrInPart() {
        assertEquals(Status.OK, db.insert("usertable", "user1", fields("field0", "a", "field1", "b", "field2", "c")));
        assertEquals(Map.of("field0", "a", "field1", "b", "field2", "c"), read("user1"));
        Map<String, ByteIterator> some = new HashMap<>();
        assertEquals(Status.OK, db.read("usertable", "user1", Set.of("field1"), some));
        assertEquals(Map.of("field1", "b"), StringByteIterator.getStringMap(some));
        assertEquals(Status.NOT_FOUND, db.read("usertable", "user2", null, new HashMap<>()));
        assertTrue(fake.calls.contains("get user1 ONE"), "reads use chorus.readconsistency: " + fake.calls);
        assertTrue(fake.calls.contains("put user1 QUORUM no-context"), "writes use chorus.writeconsistency: " + fake.calls);
    }

    @Test
    void aOneFieldUpdateReadsModifiesAndWritesBackWithTheContext() {
        db.insert("usertable", "user1", fields("field0", "a", "field1", "b", "field2", "c"));
        fake.calls.clear();
        assertEquals(Status.OK, db.update("usertable", "user1", fields("field1", "B")));
        assertEquals(List.of("get user1 ONE", "put user1 QUORUM"), fake.calls);
        assertEquals(Map.of("field0", "a", "field1", "B", "field2", "c"), read("user1"), "the other fields are kept");
        assertEquals(1, fake.siblings("user1"), "the write-back superseded the old record");
    }

    @Test
    void aWholeRecordUpdateIsOneWriteWithTheContextAlreadySeen() {
        db.insert("usertable", "user1", fields("field0", "a", "field1", "b", "field2", "c"));
        fake.calls.clear();
        assertEquals(Status.OK, db.update("usertable", "user1", fields("field0", "x", "field1", "y", "field2", "z")));
        assertEquals(List.of("put user1 QUORUM"), fake.calls, "no read: the insert's context was remembered");
        assertEquals(1, fake.siblings("user1"));
        assertEquals(Map.of("field0", "x", "field1", "y", "field2", "z"), read("user1"));
    }

    @Test
    void anOverwriteOfAKeyThisProcessNeverSawReadsItsContextOnce() throws DBException {
        fake.put("user7", RecordCodec.encode(Map.of("field0", bytes("old"))), io.chorus.client.Context.NONE, null);
        ChorusDB overwrite = open("chorus.updatemode", "overwrite");
        try {
            fake.calls.clear();
            assertEquals(Status.OK, overwrite.update("usertable", "user7", fields("field0", "new")));
            assertEquals(List.of("get user7 QUORUM", "put user7 QUORUM"), fake.calls);
            assertEquals(1, fake.siblings("user7"), "no sibling left behind");
        } finally {
            overwrite.cleanup();
        }
    }

    @Test
    void siblingsAreMergedOnReadAndResolvedByTheNextUpdate() {
        fake.put("user1", RecordCodec.encode(Map.of("field0", bytes("left"), "field1", bytes("l1"))), io.chorus.client.Context.NONE, null);
        fake.put("user1", RecordCodec.encode(Map.of("field0", bytes("right"), "field2", bytes("r2"))), io.chorus.client.Context.NONE, null);
        assertEquals(2, fake.siblings("user1"));
        Map<String, String> merged = read("user1");
        assertEquals(3, merged.size(), "every field of every sibling: " + merged);
        assertTrue(merged.get("field0").equals("left") || merged.get("field0").equals("right"));
        assertEquals(Status.OK, db.update("usertable", "user1", fields("field1", "L1")));
        assertEquals(1, fake.siblings("user1"));
    }

    @Test
    void failuresBecomeYcsbStatusesAndNeverThrow() {
        fake.fail(ErrorKind.UNAVAILABLE);
        assertEquals(Status.SERVICE_UNAVAILABLE, db.read("usertable", "k", null, new HashMap<>()));
        fake.fail(ErrorKind.TIMEOUT);
        assertEquals(Status.ERROR, db.update("usertable", "k", fields("field0", "v")));
        fake.fail(ErrorKind.INVALID_REQUEST);
        assertEquals(Status.BAD_REQUEST, db.insert("usertable", "k", fields("field0", "v")));
        fake.failure = null;
        fake.put("foreign", bytes("not a record"), io.chorus.client.Context.NONE, null);
        assertEquals(Status.UNEXPECTED_STATE, db.read("usertable", "foreign", null, new HashMap<>()));
        assertEquals(Status.NOT_IMPLEMENTED, db.scan("usertable", "a", 10, null, new java.util.Vector<>()));
    }

    @Test
    void deleteRemovesWhatItRead() {
        db.insert("usertable", "user1", fields("field0", "a"));
        assertEquals(Status.OK, db.delete("usertable", "user1"));
        assertEquals(Status.NOT_FOUND, db.read("usertable", "user1", null, new HashMap<>()));
    }

    @Test
    void allThreadsShareOneClientClosedByTheLastCleanup() throws DBException {
        ChorusDB second = open();
        assertEquals(1, connects, "one client for every instance");
        second.cleanup();
        assertEquals(0, fake.closes, "the first instance still uses it");
        second.cleanup();
        assertEquals(0, fake.closes, "a second cleanup of the same instance changes nothing");
        db.cleanup();
        assertEquals(1, fake.closes);
        db = open(); // for tearDown
        assertEquals(2, connects, "after the last cleanup a new init connects again");
    }

    @Test
    void badPropertiesAreRefusedAtInit() {
        DBException e = assertThrows(DBException.class, () -> open("chorus.updatemode", "sometimes"));
        assertTrue(e.getMessage().contains("auto, readmodifywrite or overwrite"), e.getMessage());
        assertThrows(DBException.class, () -> open("chorus.readconsistency", "most"));
    }

    @Test
    void recordsSurviveTheCodecAndMalformedValuesAreNamed() {
        Map<String, byte[]> record = new TreeMap<>(Map.of("field0", new byte[100], "f\u00e9", bytes("x"), "empty", new byte[0]));
        TreeMap<String, byte[]> back = RecordCodec.decode(RecordCodec.encode(record));
        assertEquals(record.keySet(), back.keySet());
        for (String k : record.keySet()) assertArrayEquals(record.get(k), back.get(k));
        byte[] encoded = RecordCodec.encode(record);
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.decode(java.util.Arrays.copyOf(encoded, encoded.length - 1)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(new byte[]{(byte) 0xFF, (byte) 0xFF, 0x7F}));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
