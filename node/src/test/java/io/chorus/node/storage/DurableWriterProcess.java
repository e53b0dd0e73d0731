package io.chorus.node.storage;

import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;

import java.nio.file.Path;

/**
 * Runs in a separate JVM for {@link WalCrashTest}: writes keys durably as the node does (a put
 * into the map, the record into a batch, the batch to the writer), says "durable" once the writer
 * reported the last of them fsynced, then keeps writing durably until it is killed.
 */
public final class DurableWriterProcess {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int keys = Integer.parseInt(args[1]);
        Codec codec = new Codec();
        ChronicleStorage storage = ChronicleStorage.open(DataDirectory.acquire(dir), ChronicleStorageTest.SIZING, codec, "writer");
        WriteAheadLog wal = WriteAheadLog.open(dir.resolve("wal"));
        wal.roll();
        WalWriter writer = WalWriter.start("writer", wal, storage::syncMapFile, 1L << 30, 1L << 30, WalWriter.Observer.NONE, id -> { });
        long last = 0;
        for (int i = 0; i < keys; i += 10) {
            WalBatch batch = new WalBatch();
            for (int k = i; k < i + 10 && k < keys; k++) write(storage, codec, batch, "key-" + k, "value-" + k);
            last = writer.submit(batch);
        }
        while (writer.lastPersisted() < last) Thread.onSpinWait();
        System.out.println("durable");
        System.out.flush();
        for (long i = 0; ; i++) {
            WalBatch batch = new WalBatch();
            write(storage, codec, batch, "busy-" + (i % 100), "busy-" + i);
            writer.submit(batch);
            if (writer.backlogBytes() > 1 << 20) Thread.sleep(1); // the test's process must not outgrow its heap
        }
    }

    private static void write(ChronicleStorage storage, Codec codec, WalBatch batch, String key, String value) {
        KeyState state = ChronicleStorageTest.siblings(value);
        storage.put(Key.of(key), state);
        batch.add(Key.of(key), codec.encodeSiblings(state));
    }
}
