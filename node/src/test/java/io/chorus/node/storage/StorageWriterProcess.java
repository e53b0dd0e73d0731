package io.chorus.node.storage;

import io.chorus.replication.message.Codec;
import io.chorus.replication.state.Key;

import java.nio.file.Path;

/**
 * Runs in a separate JVM for {@link ChronicleStorageTest}: opens the storage, writes keys, says
 * "written" and then keeps writing until it is killed (so the kill lands mid-write).
 */
public final class StorageWriterProcess {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int keys = Integer.parseInt(args[1]);
        ChronicleStorage storage = ChronicleStorage.open(DataDirectory.acquire(dir), ChronicleStorageTest.SIZING, new Codec(), "writer");
        for (int i = 0; i < keys; i++) storage.put(Key.of("key-" + i), ChronicleStorageTest.siblings("value-" + i));
        System.out.println("written");
        System.out.flush();
        for (long i = 0; ; i++) storage.put(Key.of("busy-" + (i % 100)), ChronicleStorageTest.siblings("busy-" + i));
    }
}
