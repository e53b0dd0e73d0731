package io.chorus.torture.nemesis;

import java.util.List;
import java.util.stream.Collectors;

/** One fault the nemesis applies for a while and then undoes. Nodes are indexes (0 is n1). */
public sealed interface Fault {
    /** Whether it needs per-node users and nftables (root). */
    boolean network();

    String describe();

    static String nodeName(int index) {
        return "n" + (index + 1);
    }

    /** No message crosses between the sides, either way; nodes on no side (a bridge) talk to all. */
    record Partition(String shape, List<List<Integer>> sides) implements Fault {
        public Partition {
            sides = sides.stream().map(List::copyOf).toList();
        }

        @Override
        public boolean network() {
            return true;
        }

        @Override
        public String describe() {
            return "partition (" + shape + ") " + sides.stream().map(side -> side.stream().map(Fault::nodeName)
                    .collect(Collectors.joining(",", "{", "}"))).collect(Collectors.joining(" | "));
        }
    }

    /** Messages from one node to another are dropped; the other way works. */
    record OneWay(int from, int to) implements Fault {
        @Override
        public boolean network() {
            return true;
        }

        @Override
        public String describe() {
            return "one-way drop " + nodeName(from) + " -> " + nodeName(to);
        }
    }

    /** A share of the packets between one node and every other, both ways, is dropped. */
    record Loss(int node, int percent) implements Fault {
        @Override
        public boolean network() {
            return true;
        }

        @Override
        public String describe() {
            return percent + "% packet loss to and from " + nodeName(node);
        }
    }

    /** {@code kill -9}, restarted when the fault ends. */
    record Kill(int node) implements Fault {
        @Override
        public boolean network() {
            return false;
        }

        @Override
        public String describe() {
            return "kill -9 " + nodeName(node) + ", restart at the end";
        }
    }

    /** SIGSTOP, SIGCONT when the fault ends: peers suspect it, its requests in flight wait. */
    record Pause(int node) implements Fault {
        @Override
        public boolean network() {
            return false;
        }

        @Override
        public String describe() {
            return "SIGSTOP " + nodeName(node) + ", SIGCONT at the end";
        }
    }

    /** The node's wall clock jumps by an offset (libfaketime), and back at the end. */
    record ClockSkew(int node, long offsetSeconds) implements Fault {
        @Override
        public boolean network() {
            return false;
        }

        @Override
        public String describe() {
            return "clock of " + nodeName(node) + " jumps " + (offsetSeconds >= 0 ? "+" : "") + offsetSeconds + " s, back at the end";
        }
    }
}
