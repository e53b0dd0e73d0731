package io.chorus.node.storage;

import io.chorus.crdt.clock.VersionVector;
import io.chorus.replication.config.ReplicaConfig;
import io.chorus.replication.env.ClientRef;
import io.chorus.replication.env.InMemoryStorage;
import io.chorus.replication.env.Storage;
import io.chorus.replication.env.Outbox;
import io.chorus.replication.env.ReplicaObserver;
import io.chorus.replication.env.SplitMixRandom;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.PeerMessage;
import io.chorus.replication.replica.Input;
import io.chorus.replication.replica.ReadyLoop;
import io.chorus.replication.replica.Replica;
import io.chorus.replication.ring.NodeId;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.topology.Member;
import io.chorus.replication.topology.Membership;
import io.chorus.replication.topology.Topology;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints (asserts nothing) what Merkle anti-entropy costs at scale: two replicas (N=2, a two-node
 * ring of the default 128 partitions) on real Chronicle Map storage, each with {@code keys} small
 * keys, differing in {@code differing} of them (half changed on one side, half missing there). It
 * measures the heap the replica keeps after rebuilding its trees at start, the ticks and CPU time of
 * that rebuild, and the ticks and CPU time until the two agree on every differing key, with the
 * production defaults (anti-entropy every 500 ticks = 5 s at the node's 10 ms tick; 2,000 keys
 * scanned per tick). Ticks run back to back here: on a node each takes at least 10 ms, so a real
 * node's time is the larger of ticks x 10 ms and the CPU time. Messages cross the real codec.
 * Not a unit test: {@code java -cp <node test classpath> io.chorus.node.storage.AntiEntropyScaleBench <dir> [keys] [differing] [memory]}
 * ({@code memory}: sorted in-memory maps instead of Chronicle Map, whose fill takes long on a loaded machine).
 */
public final class AntiEntropyScaleBench {
    private static final NodeId N1 = NodeId.of("n1"), N2 = NodeId.of("n2");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/chorus-ae-scale");
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        int differing = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        ChronicleStorage.disableChronicleTelemetry();
        StorageSizing sizing = new StorageSizing(keys + 10_000L, 16, 64, 1 << 10);
        Codec codec = new Codec(8 << 20);
        if (args.length > 3 && args[3].equals("memory")) {
            inMemory(keys, differing);
            return;
        }
        long fillStart = System.nanoTime();
        try (ChronicleStorage common = open(dir.resolve("n1"), sizing, codec)) { // what both hold: filled once, then copied
            for (int i = differing / 2; i < keys; i++) {
                common.put(key(i), state("v" + i));
                if (i % 1_000_000 == 999_999) System.out.printf("  %,d keys%n", i + 1);
            }
        }
        copy(dir.resolve("n1"), dir.resolve("n2"));
        try (ChronicleStorage a = open(dir.resolve("n1"), sizing, codec); ChronicleStorage b = open(dir.resolve("n2"), sizing, codec)) {
            for (int i = 0; i < differing; i++) { // b lacks the first differing/2 keys, and holds an older version of the rest
                KeyState state = state("v" + i);
                a.put(key(i), i < differing / 2 ? state : state.update(state.context(), ("changed" + i).getBytes(StandardCharsets.UTF_8), "n1"));
            }
            System.out.printf("filled %,d keys on each replica (%d differ) in %.1f s%n", keys, differing, (System.nanoTime() - fillStart) / 1e9);
            run(a, b, keys, differing);
        }
    }

    /** The same on in-memory storage (sorted maps): the protocol's costs without Chronicle's, and a fill that is minutes faster. */
    private static void inMemory(int keys, int differing) {
        long fillStart = System.nanoTime();
        InMemoryStorage a = new InMemoryStorage(), b = new InMemoryStorage();
        for (int i = 0; i < keys; i++) {
            KeyState state = state("v" + i);
            boolean changed = i >= differing / 2 && i < differing;
            a.put(key(i), changed ? state.update(state.context(), ("changed" + i).getBytes(StandardCharsets.UTF_8), "n1") : state);
            if (i >= differing / 2) b.put(key(i), state);
        }
        System.out.printf("filled %,d keys in memory on each replica (%d differ) in %.1f s%n", keys, differing, (System.nanoTime() - fillStart) / 1e9);
        run(a, b, keys, differing);
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) Files.copy(file, to.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void run(Storage a, Storage b, int keys, int differing) {
        ReplicaConfig config = ReplicaConfig.DEFAULTS.withReplicationFactor(2).withAntiEntropyIntervalTicks(500);
        Topology topology = Topology.initial(new Membership(List.of(new Member(N1, "127.0.0.1:1"), new Member(N2, "127.0.0.1:2")), 128), 2);
        long heapBefore = heapUsed();
        Counting observer = new Counting();
        Replica r1 = new Replica(N1, 0, topology, config, a, new SplitMixRandom(1), () -> 0L, observer, Set.of());
        Replica r2 = new Replica(N2, 0, topology, config, b, new SplitMixRandom(2), () -> 0L, observer, Set.of());
        Network network = new Network();
        long buildStart = cpu(), ticks = 0;
        while (!r1.antiEntropyReady() || !r2.antiEntropyReady()) {
            tick(r1, a, network, N1);
            tick(r2, b, network, N2);
            network.deliver(r1, r2, a, b); // heartbeats: each must see the other alive
            ticks++;
        }
        System.out.printf("trees rebuilt from storage in %,d ticks (%.1f s at 10 ms a tick), %.1f s CPU for both replicas%n",
                ticks, ticks / 100.0, (cpu() - buildStart) / 1e9);
        long heapAfter = heapUsed();
        System.out.printf("heap held by the two replicas after the rebuild: %.1f MiB (%.1f MiB each; the trees of 128 partitions"
                + " are 128 x 8.3 KiB = 1.0 MiB)%n", (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 2097152.0);
        long syncStart = cpu(), syncTicks = 0;
        while (!agree(a, b, differing)) {
            tick(r1, a, network, N1);
            tick(r2, b, network, N2);
            network.deliver(r1, r2, a, b);
            syncTicks++;
            if (syncTicks % 1_000 == 0) System.out.printf("  %,d ticks, %,d keys compared, %,d repaired%n", syncTicks, observer.compared.get(), observer.repaired.get());
            if (syncTicks > 1_000_000) throw new IllegalStateException("no convergence in a million ticks");
        }
        System.out.printf("converged on the %d differing keys in %,d ticks (%.1f s at 10 ms a tick), %.1f s CPU; "
                        + "%,d keys compared, %,d repaired, %,d messages, largest %,d bytes, %,d bytes in all%n",
                differing, syncTicks, syncTicks / 100.0, (cpu() - syncStart) / 1e9, observer.compared.get(), observer.repaired.get(),
                network.messages, network.largest, network.bytes);
        System.out.println("(the first round starts at the next multiple of 500 ticks after the rebuild; a round with differing"
                + " leaves scans all " + keys + " keys on both sides at 2,000 keys per tick)");
    }

    private static boolean agree(Storage a, Storage b, int differing) {
        for (int i = 0; i < differing; i++) {
            KeyState x = a.get(key(i)), y = b.get(key(i));
            if (x == null || !x.equals(y)) return false;
        }
        return true;
    }

    private static void tick(Replica replica, Storage storage, Network network, NodeId self) {
        ReadyLoop.step(replica, Input.Tick.INSTANCE, storage, network.outboxOf(self));
    }

    private static ChronicleStorage open(Path dir, StorageSizing sizing, Codec codec) throws java.io.IOException {
        Files.createDirectories(dir);
        return ChronicleStorage.open(DataDirectory.acquire(dir), sizing, codec, "scale");
    }

    private static Key key(int i) {
        return Key.of("key" + i);
    }

    private static KeyState state(String value) {
        return KeyState.empty().update(VersionVector.empty(), value.getBytes(StandardCharsets.UTF_8), "n1");
    }

    private static long heapUsed() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Two nodes' messages, through the real codec, delivered between ticks. */
    private static final class Network {
        record InFlight(NodeId from, NodeId to, byte[] bytes) {
        }

        final Codec codec = new Codec(8 << 20);
        final ArrayDeque<InFlight> queue = new ArrayDeque<>();
        long messages, bytes;
        int largest;

        Outbox outboxOf(NodeId self) {
            return new Outbox() {
                @Override
                public void send(NodeId to, PeerMessage message) {
                    byte[] encoded = codec.encode(message);
                    messages++;
                    bytes += encoded.length;
                    largest = Math.max(largest, encoded.length);
                    queue.add(new InFlight(self, to, encoded));
                }

                @Override
                public void reply(ClientRef client, long requestId, ClientResponse response) {
                }
            };
        }

        void deliver(Replica r1, Replica r2, Storage a, Storage b) {
            while (!queue.isEmpty()) {
                InFlight m = queue.poll();
                boolean toN1 = m.to().equals(N1);
                ReadyLoop.step(toN1 ? r1 : r2, new Input.FromPeer(m.from(), (PeerMessage) codec.decode(m.bytes())), toN1 ? a : b,
                        outboxOf(m.to()));
            }
        }
    }

    private static final class Counting implements ReplicaObserver {
        final AtomicLong compared = new AtomicLong(), repaired = new AtomicLong();

        @Override
        public void antiEntropyKeysCompared(int keys) {
            compared.addAndGet(keys);
        }

        @Override
        public void antiEntropyKeysRepaired(int keys) {
            repaired.addAndGet(keys);
        }
    }
}
