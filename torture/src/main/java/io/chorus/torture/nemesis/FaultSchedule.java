package io.chorus.torture.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The faults of a run, drawn from its seed: one fault at a time, each 2 to 6 s, with 1 to 2 s of
 * calm between them, until the duration is used up. The same seed gives the same schedule (timing
 * on real processes never repeats exactly, but the faults and their order do).
 */
public final class FaultSchedule {
    private static final long FAULT_MILLIS_MIN = 2_000;
    private static final long FAULT_MILLIS_MAX = 6_000;
    private static final long CALM_MILLIS_MIN = 1_000;
    private static final long CALM_MILLIS_MAX = 2_000;
    private static final long CLOCK_JUMP_SECONDS_MAX = 120;

    private FaultSchedule() {
    }

    /**
     * @param network whether network faults may be drawn (root with nftables)
     * @param clocks  whether clock jumps may be drawn (libfaketime installed)
     */
    public static List<TimedFault> draw(long seed, long durationMillis, int nodes, boolean network, boolean clocks) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TimedFault> faults = new ArrayList<>();
        long at = CALM_MILLIS_MIN;
        while (true) {
            long length = random.nextLong(FAULT_MILLIS_MIN, FAULT_MILLIS_MAX + 1);
            if (at + length > durationMillis) break;
            faults.add(new TimedFault(at, length, drawFault(random, nodes, network, clocks)));
            at += length + random.nextLong(CALM_MILLIS_MIN, CALM_MILLIS_MAX + 1);
        }
        return faults;
    }

    private static Fault drawFault(SplittableRandom random, int nodes, boolean network, boolean clocks) {
        while (true) {
            int kind = random.nextInt(9);
            int node = random.nextInt(nodes);
            switch (kind) {
                case 0, 1 -> {
                    return new Fault.Kill(node);
                }
                case 2 -> {
                    return new Fault.Pause(node);
                }
                case 3 -> {
                    if (clocks) return new Fault.ClockSkew(node, (random.nextBoolean() ? 1 : -1) * random.nextLong(5, CLOCK_JUMP_SECONDS_MAX + 1));
                }
                case 4 -> {
                    if (network) return halves(random, nodes);
                }
                case 5 -> {
                    if (network) return new Fault.Partition("one isolated", List.of(List.of(node), others(node, nodes)));
                }
                case 6 -> {
                    if (network && nodes >= 3) return bridge(random, nodes);
                }
                case 7 -> {
                    if (network) return new Fault.OneWay(node, (node + 1 + random.nextInt(nodes - 1)) % nodes);
                }
                default -> {
                    if (network) return new Fault.Loss(node, random.nextInt(20, 61));
                }
            }
        }
    }

    private static List<Integer> shuffled(SplittableRandom random, int nodes) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, nodes).boxed().toList());
        for (int i = order.size() - 1; i > 0; i--) Collections.swap(order, i, random.nextInt(i + 1));
        return order;
    }

    private static Fault halves(SplittableRandom random, int nodes) {
        List<Integer> order = shuffled(random, nodes);
        int cut = nodes / 2;
        return new Fault.Partition("random halves", List.of(sorted(order.subList(0, cut)), sorted(order.subList(cut, nodes))));
    }

    /** Two sides that cannot talk, and one node in the middle that talks to both. */
    private static Fault bridge(SplittableRandom random, int nodes) {
        List<Integer> order = shuffled(random, nodes);
        int middle = order.get(0);
        List<Integer> rest = order.subList(1, nodes);
        int cut = rest.size() / 2;
        return new Fault.Partition("bridge via " + Fault.nodeName(middle), List.of(sorted(rest.subList(0, cut)), sorted(rest.subList(cut, rest.size()))));
    }

    private static List<Integer> others(int node, int nodes) {
        return IntStream.range(0, nodes).filter(i -> i != node).boxed().toList();
    }

    private static List<Integer> sorted(List<Integer> nodes) {
        return nodes.stream().sorted().toList();
    }
}
