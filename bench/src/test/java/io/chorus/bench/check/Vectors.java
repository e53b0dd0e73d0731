package io.chorus.bench.check;

import io.chorus.crdt.clock.VersionVector;

import java.util.TreeMap;

/** Version vectors written as text in tests: {@code vv("a:2 b:1")}. */
final class Vectors {
    private Vectors() {
    }

    static VersionVector vv(String entries) {
        TreeMap<String, Long> m = new TreeMap<>();
        for (String e : entries.trim().split("\\s+")) {
            if (e.isEmpty()) continue;
            String[] p = e.split(":");
            m.put(p[0], Long.parseLong(p[1]));
        }
        return VersionVector.of(m);
    }

    static WriteRecord write(long id, String request, String ack) {
        return new WriteRecord(id, vv(request), vv(ack), 0);
    }
}
