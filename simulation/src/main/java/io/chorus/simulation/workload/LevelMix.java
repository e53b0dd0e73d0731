package io.chorus.simulation.workload;

import io.chorus.replication.state.Consistency;
import io.chorus.replication.env.RandomSource;
import io.chorus.simulation.world.Draw;

/** Relative weights of the consistency levels a client picks from. */
public record LevelMix(int one, int two, int quorum, int all) {
    public LevelMix {
        if (one < 0 || two < 0 || quorum < 0 || all < 0 || one + two + quorum + all == 0) {
            throw new IllegalArgumentException("level weights must be non-negative with one positive: " + one + "/" + two + "/" + quorum + "/" + all);
        }
    }

    /** Each weight in 0..3, at least one positive: some runs use one level only, some all four. */
    public static LevelMix draw(RandomSource random) {
        while (true) {
            int one = random.nextInt(4), two = random.nextInt(4), quorum = random.nextInt(4), all = random.nextInt(4);
            if (one + two + quorum + all > 0) return new LevelMix(one, two, quorum, all);
        }
    }

    public Consistency pick(RandomSource random) {
        return Consistency.values()[Draw.weighted(random, one, two, quorum, all)];
    }

    @Override
    public String toString() {
        return "ONE:" + one + " TWO:" + two + " QUORUM:" + quorum + " ALL:" + all;
    }
}
