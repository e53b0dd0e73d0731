package io.chorus.node.testing;

import io.chorus.replication.env.Storage;
import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.function.BiConsumer;

/**
 * TEST ONLY. Storage that appends every write, after it is stored, to a file: a line
 * {@code actor NAME} when the node starts (the actor it mints as), then one line
 * {@code put KEY SIBLINGS} per write (both base64 of the replica codec's bytes). A fault-test
 * harness reads it to learn which dot each value was minted with and each replica's state, as the
 * simulator observes its storage. Each line is one unbuffered write, so a {@code kill -9} loses at
 * most the line of the write in progress (the page cache keeps the rest).
 */
final class StorageWatch implements Storage {
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private final Storage storage;
    private final FileChannel log;
    private final Codec codec = new Codec(64 << 20);

    private StorageWatch(Storage storage, FileChannel log) {
        this.storage = storage;
        this.log = log;
    }

    static StorageWatch open(Storage storage, Path file, String actor) {
        try {
            FileChannel log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            StorageWatch watch = new StorageWatch(storage, log);
            watch.append("actor " + actor + "\n");
            return watch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the storage watch file " + file, e);
        }
    }

    @Override
    public KeyState get(Key key) {
        return storage.get(key);
    }

    @Override
    public void put(Key key, KeyState siblings) {
        storage.put(key, siblings);
        append("put " + BASE64.encodeToString(key.bytesUnsafe()) + " " + BASE64.encodeToString(codec.encodeSiblings(siblings)) + "\n");
    }

    @Override
    public void forEach(BiConsumer<Key, KeyState> visitor) {
        storage.forEach(visitor);
    }

    @Override
    public io.chorus.replication.env.StorageScan scan() {
        return storage.scan();
    }

    @Override
    public long size() {
        return storage.size();
    }

    private void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        try {
            while (bytes.hasRemaining()) log.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the storage watch file", e);
        }
    }
}
