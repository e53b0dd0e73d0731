package io.chorus.replication.state;

import io.chorus.crdt.clock.VersionVector;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The dotted version vector set under random histories: three replicas mint writes (with or without
 * a context read from some replica) and sync in random order. Merge must be a join, and no write
 * that was not superseded by a context may be lost.
 */
class KeyStateTest {
    private static final String[] REPLICAS = {"n1", "n2", "n3"};

    /** A step: {mintAt, readFrom (-1 = blind write), syncFrom, syncTo}. */
    static Gen<List<Integer>> histories() {
        return lists().of(integers().between(0, 11)).ofSizeBetween(1, 40);
    }

    /** Plays a history; returns the three replica states. Step code: low 2 bits pick replicas. */
    static KeyState[] play(List<Integer> steps) {
        KeyState[] state = {KeyState.empty(), KeyState.empty(), KeyState.empty()};
        int written = 0;
        for (int step : steps) {
            int a = step % 3, b = (step / 3) % 3;
            if (step % 4 == 0) {
                state[b] = state[b].merge(state[a]); // sync a -> b
            } else {
                VersionVector context = step % 4 == 1 ? VersionVector.empty() : state[b].context();
                state[a] = state[a].update(context, ("v" + written++).getBytes(StandardCharsets.UTF_8), REPLICAS[a]);
            }
        }
        return state;
    }

    @Test
    void mergeIsCommutativeAssociativeIdempotent() {
        qt().forAll(histories(), histories()).check((h1, h2) -> {
            KeyState[] x = play(h1);
            KeyState[] y = play(h2);
            KeyState a = x[0], b = x[1], c = y[2];
            return a.merge(b).equals(b.merge(a))
                    && a.merge(b).merge(c).equals(a.merge(b.merge(c)))
                    && a.merge(a).equals(a);
        });
    }

    @Test
    void syncingAllReplicasConvergesAndKeepsOnlyConcurrentValues() {
        qt().forAll(histories()).check(steps -> {
            KeyState[] s = play(steps);
            KeyState all = s[0].merge(s[1]).merge(s[2]);
            KeyState other = s[2].merge(s[0]).merge(s[1]);
            // dots are distinct, all inside the context
            Set<String> dots = new TreeSet<>();
            for (Sibling sib : all.siblings()) dots.add(sib.dot().toString());
            return all.equals(other) && dots.size() == all.size();
        });
    }

    /** With only blind writes nothing is ever superseded, so every written value survives the sync. */
    @Test
    void noBlindWriteIsLost() {
        qt().forAll(lists().of(integers().between(0, 11)).ofSizeBetween(1, 30)).check(steps -> {
            List<Integer> blindOnly = new ArrayList<>();
            int writes = 0;
            for (int step : steps) {
                int blind = step % 4 == 0 ? step : (step - step % 4) + 1; // sync or blind write
                blindOnly.add(blind % 12);
                if (blind % 4 != 0) writes++;
            }
            KeyState[] s = play(blindOnly);
            return s[0].merge(s[1]).merge(s[2]).liveValues().size() == writes;
        });
    }

    @Test
    void blindWritesBecomeSiblingsAndAContextResolvesThem() {
        KeyState s = KeyState.empty()
                .update(VersionVector.empty(), bytes("a"), "n1")
                .update(VersionVector.empty(), bytes("b"), "n1");
        assertEquals(2, s.size(), "a write without a context must not overwrite: " + s);
        KeyState resolved = s.update(s.context(), bytes("c"), "n2");
        assertEquals(1, resolved.size());
        assertEquals("c", new String(resolved.liveValues().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void aContextSupersedesExactlyWhatItSaw() {
        KeyState seen = KeyState.empty().update(VersionVector.empty(), bytes("a"), "n1");
        VersionVector context = seen.context();
        KeyState concurrent = seen.update(VersionVector.empty(), bytes("b"), "n1");   // not seen by the client
        KeyState written = concurrent.update(context, bytes("c"), "n1");
        List<String> values = new ArrayList<>();
        written.liveValues().forEach(v -> values.add(new String(v, StandardCharsets.UTF_8)));
        assertEquals(List.of("b", "c"), values);
    }

    @Test
    void aDeleteIsATombstoneThatSupersedesWhatItSaw() {
        KeyState s = KeyState.empty().update(VersionVector.empty(), bytes("a"), "n1");
        KeyState deleted = s.update(s.context(), null, "n2");
        assertTrue(deleted.liveValues().isEmpty());
        assertEquals(1, deleted.size());
        // a replica that missed the delete cannot bring the value back
        assertTrue(s.merge(deleted).liveValues().isEmpty());
        assertTrue(deleted.merge(s).liveValues().isEmpty());
    }

    /**
     * Digests tell states apart by context and dots. Two states with the same dots and different
     * values cannot arise (a dot is minted once, by one replica), so values are not hashed.
     */
    @Test
    void digestDiffersWhenStateDiffers() {
        KeyState a = KeyState.empty().update(VersionVector.empty(), bytes("a"), "n1");
        KeyState b = KeyState.empty().update(VersionVector.empty(), bytes("a"), "n2");
        KeyState both = a.merge(b);
        KeyState deleted = a.update(a.context(), null, "n1");
        assertTrue(a.digest() != b.digest() && a.digest() != both.digest() && a.digest() != deleted.digest());
        assertEquals(a.digest(), KeyState.of(a.context(), a.siblings()).digest());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
