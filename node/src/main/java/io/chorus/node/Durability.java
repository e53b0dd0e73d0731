package io.chorus.node;

import io.chorus.node.storage.ChronicleStorage;
import io.chorus.node.storage.DataDirectory;
import io.chorus.node.storage.RecoveryReport;
import io.chorus.node.storage.StorageSizing;
import io.chorus.node.storage.WalReplay;
import io.chorus.node.storage.WalWriter;
import io.chorus.node.storage.WriteAheadLog;
import io.chorus.replication.message.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongConsumer;

/**
 * A node's start of durability, between opening the map and building the replica: replay the
 * write-ahead log into the map (merging, so it never rolls a key back), say in one line what
 * recovery checked and found ({@link RecoveryReport}), make the map file durable and start a new
 * log segment (the replayed ones are then deleted), and start the writer thread. Also how big the
 * map is made and how large a stored state may encode.
 */
final class Durability {
    private static final Logger log = LoggerFactory.getLogger(Durability.class);

    private Durability() {
    }

    /**
     * Replays, reports, checkpoints and starts the writer. {@code persisted} gets the writer's
     * group-commit reports (on the writer thread).
     */
    static WalWriter start(NodeConfig config, ChronicleStorage storage, Codec storageCodec, boolean firstStart,
                           WalWriter.Observer observer, LongConsumer persisted) {
        String name = config.name().name();
        WriteAheadLog wal = WriteAheadLog.open(config.walDirectory());
        WalReplay replay = WalReplay.replay(name, wal.olderSegments(), storage, storageCodec, recordBytesMax(config));
        RecoveryReport report = new RecoveryReport(name, !storage.recovered(), firstStart, storage.recovery().orElse(null), storage.size(), replay);
        if (report.lostSomething()) log.warn("{}", report.describe());
        else log.info("{}", report.describe());
        try {
            long start = System.nanoTime();
            storage.syncMapFile(); // what was replayed is durable in the map: the replayed segments can go
            wal.roll();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 1_000) log.info("{}: syncing the map file and starting a new write-ahead log segment took {} ms", name, millis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the map file and start the write-ahead log in " + config.walDirectory().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        return WalWriter.start(name, wal, storage::syncMapFile, config.walBytesMax(), config.walBacklogBytesMax(), observer, persisted);
    }

    /** A new epoch means the node's latest writes may be lost: say so, and which actor it mints under now. */
    static void logActorEpoch(NodeConfig config, DataDirectory directory) {
        if (!directory.actorEpochAdvanced()) return;
        log.warn("node {}: the previous run did not shut down cleanly, so storage may have lost its latest writes and the dots"
                + " minted for them; minting as actor {} from now on (epoch {}, kept in {})", config.name(),
                config.name().actor(directory.actorEpoch()), directory.actorEpoch(), directory.actorEpochFile().toAbsolutePath());
    }

    /** The largest record payload: a key and its largest encoded state (the storage codec's bound). */
    static int recordBytesMax(NodeConfig config) {
        return (int) Math.min(Integer.MAX_VALUE - 64, (long) storageCodecBytesMax(config) + config.keyBytesMax() + 4);
    }

    static StorageSizing storageSizing(NodeConfig config) {
        return new StorageSizing(config.storageEntriesMax(), config.storageAverageValueBytes(), config.keyBytesMax(), config.valueBytesMax());
    }

    /** The handler's codec also writes stored siblings: room for every sibling at its largest. */
    static int storageCodecBytesMax(NodeConfig config) {
        long bytes = (long) config.siblingsMax() * (config.valueBytesMax() + 256L) + config.frameBytesMax();
        return (int) Math.min(Integer.MAX_VALUE - 64, bytes);
    }
}
