package io.chorus.ycsb;

import site.ycsb.ByteIterator;
import site.ycsb.RandomByteIterator;
import site.ycsb.Status;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Not a test: the binding's own CPU per operation, one thread, over {@link InMemoryChorusDB}'s map.
 * Alternates YCSB-like whole-record updates (10 fields of 100 random bytes, as YCSB's writeallfields
 * makes them) and reads of all fields, on 100 000 keys picked at random, and prints this thread's CPU
 * time per operation (ThreadMXBean) for each of several rounds after a warm-up. The same source compiles
 * against an older build of the binding, so two builds can be compared in alternating runs.
 *
 * <pre>java -cp ycsb/target/test-classes:ycsb/target/classes:ycsb/target/lib/*:YCSB_CORE/* io.chorus.ycsb.BindingCostBench [seconds per round]</pre>
 */
public final class BindingCostBench {
    public static void main(String[] args) throws Exception {
        double roundSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Properties p = new Properties();
        p.setProperty("chorus.updatemode", "overwrite");
        InMemoryChorusDB db = new InMemoryChorusDB();
        db.setProperties(p);
        db.init();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom(42);
        String[] keys = new String[100_000];
        for (int i = 0; i < keys.length; i++) keys[i] = "user" + (1_000_000_000L + i * 7_919L);
        for (int round = -2; round < 5; round++) { // two warm-up rounds
            long ops = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long end = System.nanoTime() + (long) (roundSeconds * 1e9);
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++, ops++) {
                    String key = new String(keys[random.nextInt(keys.length)]); // YCSB builds a new key string per op
                    Status status = (ops & 1) == 0 ? db.update("usertable", key, values()) : db.read("usertable", key, null, new HashMap<>());
                    if (!status.isOk()) throw new IllegalStateException(status + " for " + key);
                }
            }
            double nsPerOp = (threads.getCurrentThreadCpuTime() - cpu0) / (double) ops;
            System.out.printf("%s %d: %.3f us of CPU per op (%d ops)%n", round < 0 ? "warm-up" : "round", round, nsPerOp / 1000, ops);
        }
        db.cleanup();
    }

    private static Map<String, ByteIterator> values() {
        Map<String, ByteIterator> values = new HashMap<>();
        for (int i = 0; i < 10; i++) values.put(FIELDS[i], new RandomByteIterator(100));
        return values;
    }

    private static final String[] FIELDS = {"field0", "field1", "field2", "field3", "field4", "field5", "field6", "field7", "field8", "field9"};
}
