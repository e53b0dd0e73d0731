package io.chorus.simulation.run;

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
 * {@code regression-seeds.txt}: one entry a line, {@code SEED VIRTUAL_SECONDS [open] # why it failed};
 * blank lines and lines starting with {@code #} are comments. An {@code open} entry is a known bug
 * not fixed yet: it must still fail, and once it passes its {@code open} is dropped, so that the seed
 * guards the fix from then on.
 */
public final class RegressionSeeds {
    public static final String RESOURCE = "/io/chorus/simulation/regression-seeds.txt";

    /** One kept seed, the safety-phase length it failed with, and whether its bug is still open. */
    public record Entry(long seed, int safetySeconds, boolean open, String note) {
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
                boolean open = fields.length == 3 && fields[2].equals("open");
                if (fields.length != 2 && !open) throw new NumberFormatException("expected SEED VIRTUAL_SECONDS [open]");
                entries.add(new Entry(Long.parseLong(fields[0]), Integer.parseInt(fields[1]), open, note));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1) + " \"" + line + "\": " + e.getMessage());
            }
        }
        return entries;
    }
}
