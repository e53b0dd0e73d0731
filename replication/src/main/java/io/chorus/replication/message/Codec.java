package io.chorus.replication.message;

import io.chorus.replication.state.Key;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.chorus.crdt.clock.VersionVector;
import io.chorus.crdt.type.CrdtType;
import io.chorus.replication.crdt.CounterAdd;
import io.chorus.replication.crdt.FlagSet;
import io.chorus.replication.crdt.LwwSet;
import io.chorus.replication.crdt.MapRemove;
import io.chorus.replication.crdt.MapUpdate;
import io.chorus.replication.crdt.RegisterSet;
import io.chorus.replication.crdt.SetAdd;
import io.chorus.replication.crdt.SetClear;
import io.chorus.replication.crdt.SetRemove;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;

/**
 * Messages to bytes and back, with Kryo. Registration is required (class-by-name is refused before
 * any of it is read: {@link RegisteredClassesOnly}) and every class has an explicit,
 * stable id: never renumber one, only add (value types 20-39, peer messages 40-69, client 70-99, CRDT operations 100-129). Not thread-safe (Kryo is not): one codec per thread.
 * {@link #encodeSiblings}/{@link #decodeSiblings} are the storage format of a key's state.
 */
public final class Codec {
    private final Kryo kryo = new Kryo(new RegisteredClassesOnly(), null);
    private final Output output;

    public Codec() {
        this(4 << 20);
    }

    /** @param encodedBytesMax the largest message this codec will produce */
    public Codec(int encodedBytesMax) {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(16);
        kryo.register(String.class, new Serializers.Text(), 1); // replaces Kryo's default String reader, which trusts lengths
        kryo.register(byte[].class, new Serializers.Bytes(), 20);
        kryo.register(byte[][].class, new Serializers.BytesArray(), 21);
        kryo.register(String[].class, new Serializers.Strings(), 22);
        kryo.register(Key.class, new Serializers.KeySerializer(), 23);
        kryo.register(VersionVector.class, new Serializers.VersionVectorSerializer(), 24);
        kryo.register(KeyState.class, new Serializers.SiblingsSerializer(), 25);
        kryo.register(NodeId.class, 26);
        kryo.register(ErrorKind.class, 27);
        kryo.register(int[].class, new Serializers.Ints(), 28);
        kryo.register(long[].class, new Serializers.Longs(), 29);
        kryo.register(Key[].class, new Serializers.Keys(), 30);
        kryo.register(QuorumOptions.class, 31);
        // peer messages
        // 40 was Hello: the greeting is now outside Kryo (GreetingCodec), so no unauthenticated bytes reach Kryo
        kryo.register(Heartbeat.class, 41);
        kryo.register(ReplicaRead.class, 42);
        kryo.register(ReplicaReadResult.class, 43);
        kryo.register(ReplicaWrite.class, 44);
        kryo.register(ReplicaWriteAck.class, 45);
        kryo.register(MintWrite.class, 46);
        kryo.register(MintResult.class, 47);
        kryo.register(PullKeys.class, 50);
        kryo.register(CrdtMint.class, 51);
        // 48, 49: the whole-partition digests of the anti-entropy before Merkle trees; never reuse them
        kryo.register(TreeNodes.class, 60);
        kryo.register(SyncLeaves.class, 61);
        kryo.register(LeafKeys.class, 62);
        kryo.register(HintWrite.class, 64);
        kryo.register(PurgeTombstone.class, 65);
        // client messages
        kryo.register(ClientFrame.class, 70);
        kryo.register(ClientReply.class, 71);
        kryo.register(Get.class, 72);
        kryo.register(Put.class, 73);
        kryo.register(Delete.class, 74);
        kryo.register(DescribeCluster.class, 75);
        kryo.register(GetResult.class, 76);
        kryo.register(WriteResult.class, 77);
        kryo.register(Failure.class, 78);
        kryo.register(ClusterDescription.class, 79);
        kryo.register(CrdtUpdate.class, 80);
        kryo.register(CrdtGet.class, 81);
        kryo.register(CrdtValue.class, 82);
        // CRDT operations
        kryo.register(CrdtType.class, 100);
        kryo.register(CounterAdd.class, 101);
        kryo.register(SetAdd.class, 102);
        kryo.register(SetRemove.class, 103);
        kryo.register(SetClear.class, 104);
        kryo.register(RegisterSet.class, 105);
        kryo.register(LwwSet.class, 106);
        kryo.register(FlagSet.class, 107);
        kryo.register(MapUpdate.class, 108);
        kryo.register(MapRemove.class, 109);
        this.output = new Output(4096, encodedBytesMax);
    }

    public byte[] encode(Message message) {
        output.reset();
        kryo.writeClassAndObject(output, message);
        return output.toBytes();
    }

    public Message decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes exactly {@code length} bytes; any malformation is a {@link CodecException} saying why. */
    public Message decode(byte[] bytes, int offset, int length) {
        try {
            Input input = new Input(bytes, offset, length);
            Object decoded = kryo.readClassAndObject(input);
            if (!(decoded instanceof Message message)) {
                throw new IllegalArgumentException("decoded a " + (decoded == null ? "null" : decoded.getClass().getSimpleName()) + ", not a message");
            }
            if (input.position() != offset + length) {
                throw new IllegalArgumentException((offset + length - input.position()) + " trailing bytes after the message");
            }
            return message;
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode message: " + e.getMessage(), e);
        }
    }

    public byte[] encodeSiblings(KeyState siblings) {
        output.reset();
        kryo.writeObject(output, siblings);
        return output.toBytes();
    }

    public KeyState decodeSiblings(byte[] bytes) {
        try {
            Input input = new Input(bytes);
            return kryo.readObject(input, KeyState.class);
        } catch (RuntimeException e) {
            throw new CodecException("cannot decode stored siblings: " + e.getMessage(), e);
        }
    }
}
