package io.chorus.simulation.run;

import io.chorus.simulation.world.RunOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds that once failed, kept forever and run on every build. The list is a resource,
 * {@code regression-seeds.txt}: one entry a line, {@code SEED VIRTUAL_SECONDS [open] [no-crdt]
 * [power-loss] [late-duplicates] # why it failed}; blank lines and lines starting with {@code #} are comments. An
 * {@code open} entry is a known bug not fixed yet: it must still fail, and once it passes its
 * {@code open} is dropped, so that the seed guards the fix from then on. A {@code no-crdt} entry was
 * found before CRDT clients existed and runs without them, so that it replays the run that found
 * its bug. A {@code power-loss} or {@code late-duplicates} entry was found in that mode and runs in it.
 */
public final class RegressionSeeds {
    public static final String RESOURCE = "/io/chorus/simulation/regression-seeds.txt";

    /**
     * One kept seed, the safety-phase length it failed with, whether its bug is still open, whether
     * it runs without CRDT clients, and whether it runs in the power-loss mode.
     */
    public record Entry(long seed, int safetySeconds, boolean open, boolean noCrdt, boolean powerLoss, boolean lateDuplicates,
                        String note) {
        public Entry(long seed, int safetySeconds, boolean open, boolean noCrdt, boolean powerLoss, String note) {
            this(seed, safetySeconds, open, noCrdt, powerLoss, false, note);
        }

        public Entry(long seed, int safetySeconds, boolean open, boolean noCrdt, String note) {
            this(seed, safetySeconds, open, noCrdt, false, note);
        }

        public Entry(long seed, int safetySeconds, boolean open, String note) {
            this(seed, safetySeconds, open, false, false, note);
        }

        /** The options the entry's seed failed with. */
        public RunOptions options() {
            return new RunOptions(safetySeconds, powerLoss, lateDuplicates, noCrdt);
        }
    }

    private RegressionSeeds() {
    }

    public static List<Entry> load() {
        try (InputStream in = RegressionSeeds.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("regression seed list " + RESOURCE + " is missing from the classpath");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int hash = line.indexOf('#');
            String note = hash < 0 ? "" : line.substring(hash + 1).strip();
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            try {
                List<String> flags = List.of(fields).subList(Math.min(2, fields.length), fields.length);
                boolean open = flags.contains("open"), noCrdt = flags.contains("no-crdt"), powerLoss = flags.contains("power-loss");
                boolean late = flags.contains("late-duplicates");
                if (fields.length < 2 || flags.size() != (open ? 1 : 0) + (noCrdt ? 1 : 0) + (powerLoss ? 1 : 0) + (late ? 1 : 0)) {
                    throw new NumberFormatException("expected SEED VIRTUAL_SECONDS [open] [no-crdt] [power-loss] [late-duplicates]");
                }
                entries.add(new Entry(Long.parseLong(fields[0]), Integer.parseInt(fields[1]), open, noCrdt, powerLoss, late, note));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + " \"" + line + "\": " + e.getMessage());
            }
        }
        return entries;
    }
}
