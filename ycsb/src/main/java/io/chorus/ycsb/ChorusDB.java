package io.chorus.ycsb;

import io.chorus.client.Addresses;
import io.chorus.client.ChorusClient;
import io.chorus.client.ChorusException;
import io.chorus.client.Context;
import io.chorus.client.ReadResult;
import io.chorus.client.WriteAck;
import io.chorus.replication.state.Consistency;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.function.Function;

/**
 * YCSB binding for Chorus. YCSB creates one instance per client thread; they share one
 * {@link ChorusClient} (reference counted: the last {@link #cleanup()} closes it), which sends each
 * request to a replica of its key (the client learns the ring), so no request pays an extra hop.
 * Calls are synchronous: one request in flight per YCSB thread, as with the peers' bindings.
 *
 * <p><b>Record mapping.</b> A YCSB record (10 fields of 100 B by default) is stored as one Chorus
 * value ({@link RecordCodec}), under the YCSB key as is (the table name is ignored: there is one).
 * Chorus keeps one opaque value per key, and a put without a context adds a sibling rather than
 * overwriting, so an update has two honest forms, chosen by {@code chorus.updatemode}:
 * <ul>
 *   <li>{@code readmodifywrite}: read the record, replace the updated fields, write it back with the
 *       read's context. Right for YCSB's default one-field updates; costs two round trips, both
 *       inside YCSB's UPDATE latency.</li>
 *   <li>{@code overwrite}: write the given fields as the whole record, with the latest context this
 *       process has seen for the key (read once if it has none). One round trip; meant for
 *       {@code -p writeallfields=true}, where every update carries the whole record. Fields not
 *       given are dropped.</li>
 *   <li>{@code auto} (default): {@code overwrite} when the update carries all {@code fieldcount}
 *       fields, else {@code readmodifywrite}, so the record is never truncated.</li>
 * </ul>
 * For a comparison with stores that update one field in place, run every store with
 * {@code writeallfields=true} (then no read-modify-write is hidden in this binding), and say so.
 * KeyState (concurrent writers) are merged on read field by field, the first sibling holding a
 * field winning; the next write with the read's context resolves them.
 *
 * <p><b>Properties.</b> {@code chorus.hosts} (host:port,... default the three local ports 7401-7403),
 * {@code chorus.readconsistency} / {@code chorus.writeconsistency} (one, two, quorum, all; default
 * quorum), {@code chorus.updatemode} (auto), {@code chorus.requesttimeoutmillis} (5000).
 *
 * <p>Errors: {@code Unavailable} is SERVICE_UNAVAILABLE, {@code InvalidRequest} BAD_REQUEST, every
 * other failure (Timeout, Overloaded, ...) ERROR; a value that is not a record UNEXPECTED_STATE.
 */
public class ChorusDB extends DB {
    public static final String HOSTS = "chorus.hosts";
    public static final String READ_CONSISTENCY = "chorus.readconsistency";
    public static final String WRITE_CONSISTENCY = "chorus.writeconsistency";
    public static final String UPDATE_MODE = "chorus.updatemode";
    public static final String REQUEST_TIMEOUT_MILLIS = "chorus.requesttimeoutmillis";
    static final String DEFAULT_HOSTS = "127.0.0.1:7401,127.0.0.1:7402,127.0.0.1:7403";

    enum UpdateMode { AUTO, READMODIFYWRITE, OVERWRITE }

    private static final Object LOCK = new Object();
    private static int references;
    private static KeyValue shared;
    private static ContextCache contexts;
    /** How the shared client is made; tests put a fake here. */
    static Function<Properties, KeyValue> connector = ChorusDB::connect;

    private KeyValue store;
    private ContextCache cache;
    private final FieldNames names = new FieldNames(); // this instance's thread only
    private Consistency readLevel;
    private Consistency writeLevel;
    private UpdateMode updateMode;
    private int fieldCount;

    @Override
    public void init() throws DBException {
        Properties p = getProperties();
        try {
            readLevel = Consistency.parse(p.getProperty(READ_CONSISTENCY, "quorum"));
            writeLevel = Consistency.parse(p.getProperty(WRITE_CONSISTENCY, "quorum"));
            updateMode = parseMode(p.getProperty(UPDATE_MODE, "auto"));
            fieldCount = Integer.parseInt(p.getProperty("fieldcount", "10").trim());
        } catch (IllegalArgumentException e) {
            throw new DBException("chorus binding: " + e.getMessage());
        }
        synchronized (LOCK) {
            if (references == 0) {
                try {
                    shared = connector.apply(p);
                } catch (RuntimeException e) {
                    throw new DBException("chorus binding: cannot connect to " + p.getProperty(HOSTS, DEFAULT_HOSTS) + ": " + e.getMessage(), e);
                }
                contexts = new ContextCache();
            }
            references++;
            store = shared;
            cache = contexts;
        }
    }

    static KeyValue connect(Properties p) {
        long timeoutMillis = Long.parseLong(p.getProperty(REQUEST_TIMEOUT_MILLIS, "5000").trim());
        return KeyValue.of(ChorusClient.builder()
                .seeds(Addresses.parseList(p.getProperty(HOSTS, DEFAULT_HOSTS)))
                .requestTimeout(Duration.ofMillis(timeoutMillis))
                .build());
    }

    private static UpdateMode parseMode(String text) {
        try {
            return UpdateMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(UPDATE_MODE + " \"" + text + "\" is not auto, readmodifywrite or overwrite");
        }
    }

    @Override
    public void cleanup() throws DBException {
        synchronized (LOCK) {
            if (store == null) return; // init failed or cleanup ran twice
            store = null;
            if (--references == 0) {
                KeyValue closing = shared;
                shared = null;
                contexts = null;
                closing.close();
            }
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        try {
            ReadResult read = store.get(key, readLevel);
            cache.remember(key, read.context());
            if (!read.found()) return Status.NOT_FOUND;
            if (read.hasSiblings()) {
                for (Map.Entry<String, byte[]> field : merge(read).entrySet()) {
                    if (fields == null || fields.contains(field.getKey())) result.put(field.getKey(), new ByteArrayByteIterator(field.getValue()));
                }
            } else {
                RecordCodec.readInto(read.values().get(0), fields, result, names);
            }
            return Status.OK;
        } catch (RuntimeException e) {
            return status(e);
        }
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        try {
            ContextCache.Slot slot = cache.slot(key);
            Context known = slot.get();
            write(slot, key, RecordCodec.encode(values, names), known == null ? Context.NONE : known);
            return Status.OK;
        } catch (RuntimeException e) {
            return status(e);
        }
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        try {
            boolean overwrite = updateMode == UpdateMode.OVERWRITE || updateMode == UpdateMode.AUTO && values.size() >= fieldCount;
            ContextCache.Slot slot = cache.slot(key);
            if (overwrite) {
                Context known = slot.get();
                if (known == null) known = store.get(key, readLevel).context();
                write(slot, key, RecordCodec.encode(values, names), known);
            } else {
                ReadResult read = store.get(key, readLevel);
                TreeMap<String, byte[]> record = read.found() ? merge(read) : new TreeMap<>();
                record.putAll(toBytes(values));
                write(slot, key, RecordCodec.encode(record), read.context());
            }
            return Status.OK;
        } catch (RuntimeException e) {
            return status(e);
        }
    }

    @Override
    public Status delete(String table, String key) {
        try {
            ReadResult read = store.get(key, writeLevel);
            WriteAck ack = store.delete(key, read.context(), writeLevel);
            cache.remember(key, ack.context());
            return read.found() ? Status.OK : Status.NOT_FOUND;
        } catch (RuntimeException e) {
            return status(e);
        }
    }

    @Override
    public Status scan(String table, String startKey, int recordCount, Set<String> fields,
                       Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED; // hash-partitioned: no range reads (workloads A, B, C, D, F never scan)
    }

    private void write(ContextCache.Slot slot, String key, byte[] value, Context context) {
        WriteAck ack = store.put(key, value, context, writeLevel);
        slot.set(ack.context());
    }

    /** The record of a read; siblings merged field by field, the first sibling holding a field winning. */
    static TreeMap<String, byte[]> merge(ReadResult read) {
        TreeMap<String, byte[]> record = RecordCodec.decode(read.values().get(0));
        for (int i = 1; i < read.values().size(); i++) {
            RecordCodec.decode(read.values().get(i)).forEach(record::putIfAbsent);
        }
        return record;
    }

    private static TreeMap<String, byte[]> toBytes(Map<String, ByteIterator> values) {
        TreeMap<String, byte[]> record = new TreeMap<>();
        values.forEach((name, bytes) -> record.put(name, bytes.toArray()));
        return record;
    }

    private static Status status(RuntimeException e) {
        if (e instanceof ChorusException c) {
            return switch (c.kind()) {
                case UNAVAILABLE -> Status.SERVICE_UNAVAILABLE;
                case INVALID_REQUEST -> Status.BAD_REQUEST;
                default -> Status.ERROR;
            };
        }
        if (e instanceof IllegalArgumentException) return Status.UNEXPECTED_STATE; // a value that is not a record
        return Status.ERROR;
    }
}
