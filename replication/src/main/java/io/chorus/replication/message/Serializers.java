package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chorus.crdt.clock.Dot;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.CrdtCodec;
import io.chorus.replication.state.AppliedOps;
import io.chorus.replication.state.Sibling;
import io.chorus.replication.state.KeyState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Hand-written Kryo serializers for the domain types and for every variable-length field. Each
 * length read from the wire is checked against the bytes actually left in the frame before
 * anything is allocated, so a forged length cannot make a node allocate gigabytes.
 */
final class Serializers {
    private Serializers() {
    }

    static int readLength(Input in, int minBytesEach) {
        int length = in.readVarInt(true);
        long available = (long) in.limit() - in.position();
        if (length < 0 || (long) length * minBytesEach > available) {
            throw new KryoException("length " + length + " exceeds the " + available + " bytes left in the frame");
        }
        return length;
    }

    static final class Bytes extends Serializer<byte[]> {
        Bytes() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, byte[] b) {
            out.writeVarInt(b.length, true);
            out.writeBytes(b);
        }

        @Override
        public byte[] read(Kryo kryo, Input in, Class<? extends byte[]> type) {
            return in.readBytes(readLength(in, 1));
        }
    }

    /** Strings as UTF-8 bytes with a checked length (Kryo's own reader trusts the length). */
    static final class Text extends Serializer<String> {
        Text() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeVarInt(b.length, true);
            out.writeBytes(b);
        }

        @Override
        public String read(Kryo kryo, Input in, Class<? extends String> type) {
            return new String(in.readBytes(readLength(in, 1)), StandardCharsets.UTF_8);
        }
    }

    /** Arrays of byte arrays (sibling values); null elements allowed. */
    static final class BytesArray extends Serializer<byte[][]> {
        BytesArray() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, byte[][] a) {
            out.writeVarInt(a.length, true);
            for (byte[] b : a) {
                out.writeVarInt(b == null ? 0 : b.length + 1, true);
                if (b != null) out.writeBytes(b);
            }
        }

        @Override
        public byte[][] read(Kryo kryo, Input in, Class<? extends byte[][]> type) {
            byte[][] a = new byte[readLength(in, 1)][];
            for (int i = 0; i < a.length; i++) {
                int tagged = in.readVarInt(true); // 0 = null, else length + 1
                a[i] = tagged == 0 ? null : in.readBytes(checkLength(in, tagged - 1));
            }
            return a;
        }
    }

    static final class Strings extends Serializer<String[]> {
        Strings() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, String[] a) {
            out.writeVarInt(a.length, true);
            for (String s : a) kryo.writeObject(out, s);
        }

        @Override
        public String[] read(Kryo kryo, Input in, Class<? extends String[]> type) {
            String[] a = new String[readLength(in, 1)];
            for (int i = 0; i < a.length; i++) a[i] = kryo.readObject(in, String.class);
            return a;
        }
    }

    static final class Ints extends Serializer<int[]> {
        Ints() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, int[] a) {
            out.writeVarInt(a.length, true);
            for (int v : a) out.writeVarInt(v, true);
        }

        @Override
        public int[] read(Kryo kryo, Input in, Class<? extends int[]> type) {
            int[] a = new int[readLength(in, 1)];
            for (int i = 0; i < a.length; i++) a[i] = in.readVarInt(true);
            return a;
        }
    }

    static final class Longs extends Serializer<long[]> {
        Longs() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, long[] a) {
            out.writeVarInt(a.length, true);
            for (long v : a) out.writeLong(v);
        }

        @Override
        public long[] read(Kryo kryo, Input in, Class<? extends long[]> type) {
            long[] a = new long[readLength(in, 8)];
            for (int i = 0; i < a.length; i++) a[i] = in.readLong();
            return a;
        }
    }

    static final class Keys extends Serializer<Key[]> {
        Keys() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, Key[] a) {
            out.writeVarInt(a.length, true);
            for (Key k : a) kryo.writeObject(out, k);
        }

        @Override
        public Key[] read(Kryo kryo, Input in, Class<? extends Key[]> type) {
            Key[] a = new Key[readLength(in, 1)];
            for (int i = 0; i < a.length; i++) a[i] = kryo.readObject(in, Key.class);
            return a;
        }
    }

    static final class KeySerializer extends Serializer<Key> {
        KeySerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, Key key) {
            out.writeVarInt(key.length(), true);
            out.writeBytes(key.bytesUnsafe());
        }

        @Override
        public Key read(Kryo kryo, Input in, Class<? extends Key> type) {
            return Key.wrap(in.readBytes(readLength(in, 1)));
        }
    }

    static final class VersionVectorSerializer extends Serializer<VersionVector> {
        VersionVectorSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, VersionVector v) {
            out.writeVarInt(v.size(), true);
            v.toMap().forEach((actor, counter) -> {
                kryo.writeObject(out, actor);
                out.writeVarLong(counter, true);
            });
        }

        @Override
        public VersionVector read(Kryo kryo, Input in, Class<? extends VersionVector> type) {
            int size = readLength(in, 2);
            TreeMap<String, Long> entries = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                String actor = kryo.readObject(in, String.class);
                long counter = in.readVarLong(true);
                if (counter < 1 || entries.put(actor, counter) != null) {
                    throw new KryoException("bad version vector entry " + actor + ":" + counter);
                }
            }
            return VersionVector.of(entries);
        }
    }

    /**
     * KeyState: context, then (actor, counter, value-or-tombstone) per sibling, then the CRDT part
     * (CrdtCodec bytes, or none) and the applied operation ids. Also the storage format. A value
     * with an expiry (a TTL put) is tagged with its length negated and followed by the expiry (a
     * varlong, 6 bytes for today's millis): states stored before expiries existed never hold a
     * negative tag, so they still read as they were.
     */
    static final class SiblingsSerializer extends Serializer<KeyState> {
        SiblingsSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output out, KeyState s) {
            kryo.writeObject(out, s.context());
            out.writeVarInt(s.size(), true);
            for (Sibling sibling : s.siblings()) {
                kryo.writeObject(out, sibling.dot().actor());
                out.writeVarLong(sibling.dot().counter(), true);
                byte[] value = sibling.value();
                if (sibling.expires()) {
                    out.writeVarInt(-(value.length + 1), true);
                    out.writeBytes(value);
                    out.writeVarLong(sibling.expiresAtMillis(), true);
                } else {
                    out.writeVarInt(value == null ? 0 : value.length + 1, true);
                    if (value != null) out.writeBytes(value);
                }
            }
            byte[] crdt = s.crdt() == null ? null : CrdtCodec.encode(s.crdt());
            out.writeVarInt(crdt == null ? 0 : crdt.length + 1, true);
            if (crdt != null) out.writeBytes(crdt);
            long[] ops = s.appliedOps().ids();
            out.writeVarInt(ops.length, true);
            for (long id : ops) out.writeLong(id);
        }

        @Override
        public KeyState read(Kryo kryo, Input in, Class<? extends KeyState> type) {
            VersionVector context = kryo.readObject(in, VersionVector.class);
            int count = readLength(in, 3);
            List<Sibling> siblings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String actor = kryo.readObject(in, String.class);
                long counter = in.readVarLong(true);
                int tagged = in.readVarInt(true); // 0 = tombstone, > 0: length + 1, < 0: -(length + 1) and an expiry
                if (tagged == Integer.MIN_VALUE) throw new KryoException("bad sibling tag " + tagged);
                byte[] value = tagged == 0 ? null : in.readBytes(checkLength(in, Math.abs(tagged) - 1));
                long expiresAt = tagged < 0 ? in.readVarLong(true) : Sibling.NEVER;
                if (tagged < 0 && expiresAt <= 0) throw new KryoException("bad expiry " + expiresAt + " of sibling " + actor + ":" + counter);
                siblings.add(new Sibling(new Dot(actor, counter), value, expiresAt));
            }
            int crdtLength = in.readVarInt(true); // 0 = none, else length + 1
            Crdt<?> crdt = crdtLength == 0 ? null : CrdtCodec.decode(in.readBytes(checkLength(in, crdtLength - 1)));
            int opCount = readLength(in, 8);
            long[] ops = new long[opCount];
            for (int i = 0; i < opCount; i++) ops[i] = in.readLong();
            return KeyState.of(context, siblings, crdt, AppliedOps.of(ops));
        }
    }

    private static int checkLength(Input in, int length) {
        if (length < 0 || length > in.limit() - in.position()) throw new KryoException("value length " + length + " exceeds the frame");
        return length;
    }
}
