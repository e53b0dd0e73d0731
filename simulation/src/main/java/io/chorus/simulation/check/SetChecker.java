package io.chorus.simulation.check;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.OrSet;
import io.chorus.replication.state.Key;
import io.chorus.replication.state.KeyState;
import io.chorus.replication.ring.NodeId;
import io.chorus.simulation.history.History;
import io.chorus.simulation.history.Op;
import io.chorus.simulation.history.OpType;
import io.chorus.simulation.history.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Add-wins sets keep what was added and invent nothing (SEMANTICS.md, "CRDT values"). A remove is
 * observed-remove: it takes away the adds of the element its minting replica has seen, so it can
 * take away an add only if it was minted after that add was. An add is minted after it is invoked;
 * an acknowledged remove is minted before its acknowledgement, while an indeterminate one may be
 * minted at any time after its invocation (its message may still be on its way). So an add
 * {@code a} of x may have been removed only by a remove {@code r} of x that may have applied and
 * does not lie wholly before it: {@code r} indeterminate, or acknowledged after {@code a} was
 * invoked. On each set key:
 * <ul>
 *   <li>no phantoms: every element a read returns was the element of an add that may have applied
 *       (ok or indeterminate) invoked before the read ended; every element a replica holds after
 *       heal was the element of such an add;</li>
 *   <li>freshness (R + W > N, both at most N): a read that began after an add of x was acknowledged
 *       at W returns x, unless a remove of x that may have removed that add was invoked before
 *       the read ended;</li>
 *   <li>durability after heal: every replica of the key holds x if some acknowledged add of x may
 *       not have been removed by any remove (as above) in the whole run.</li>
 * </ul>
 * A remove that definitely failed removed nothing; an add that definitely failed added nothing. In
 * the --power-loss mode an acknowledged add that a power loss made some replica forget
 * ({@link PowerLosses}: storage does not fsync) promises nothing from then on.
 */
public final class SetChecker implements Checker {
    @Override
    public String name() {
        return "set";
    }

    /** One key's adds and removes, per element. */
    private static final class Updates {
        final TreeMap<String, List<Op>> adds = new TreeMap<>();
        final TreeMap<String, List<Op>> removes = new TreeMap<>();
        final List<Op> reads = new ArrayList<>();

        List<Op> addsOf(String element) {
            return adds.getOrDefault(element, List.of());
        }

        /** A remove of the add's element that may have applied after the add was minted, invoked before {@code beforeMicros}; null if none. */
        Op removerOf(Op add, long beforeMicros) {
            for (Op remove : removes.getOrDefault(add.crdt().element(), List.of())) {
                if (!remove.mayHaveApplied() || remove.invokedMicros() > beforeMicros) continue;
                long mintedByMicros = remove.outcome() == Outcome.OK ? remove.completedMicros() : Long.MAX_VALUE;
                if (mintedByMicros > add.invokedMicros()) return remove;
            }
            return null;
        }
    }

    @Override
    public List<Violation> check(History history, FinalState state) {
        TreeMap<Key, Updates> byKey = new TreeMap<>();
        for (Op op : history.ops()) {
            if (op.type() == OpType.SET_ADD || op.type() == OpType.SET_REMOVE) {
                Updates updates = byKey.computeIfAbsent(op.key(), k -> new Updates());
                (op.type() == OpType.SET_ADD ? updates.adds : updates.removes).computeIfAbsent(op.crdt().element(), e -> new ArrayList<>()).add(op);
            } else if (op.type() == OpType.SET_READ) {
                byKey.computeIfAbsent(op.key(), k -> new Updates()).reads.add(op);
            }
        }
        for (Key key : state.keys()) { // a set nobody added to must hold nothing
            for (NodeId node : state.nodes()) {
                if (state.at(node, key).crdt() instanceof OrSet) byKey.computeIfAbsent(key, k -> new Updates());
            }
        }
        List<Violation> violations = new ArrayList<>();
        int n = state.replicationFactor();
        PowerLosses powerLosses = new PowerLosses(history);
        byKey.forEach((key, updates) -> {
            for (Op read : updates.reads) {
                if (!read.isOk()) continue;
                checkPhantoms(read, updates, violations);
                checkFreshness(key, read, updates, n, powerLosses, violations);
            }
            if (history.healedMicros() != History.UNSET) checkFinal(key, updates, state, powerLosses, violations);
        });
        return violations;
    }

    private void checkPhantoms(Op read, Updates updates, List<Violation> out) {
        for (String element : read.valuesRead()) {
            String problem = phantom(element, updates, read.completedMicros());
            if (problem != null) out.add(violation(read.describe() + " returned " + element + ": " + problem));
        }
    }

    /** Why {@code element} cannot be in the set at {@code micros}; null if an add may have put it there. */
    private static String phantom(String element, Updates updates, long micros) {
        List<Op> adds = updates.addsOf(element);
        if (adds.isEmpty()) return "no client ever added it to this set";
        for (Op add : adds) {
            if (add.mayHaveApplied() && add.invokedMicros() <= micros) return null;
        }
        for (Op add : adds) {
            if (add.mayHaveApplied()) return "its first add that may have applied began later: " + add.describe();
        }
        return "every add of it definitely failed, e.g. " + adds.get(0).describe();
    }

    private void checkFreshness(Key key, Op read, Updates updates, int n, PowerLosses powerLosses, List<Violation> out) {
        int r = read.invocation().level().required(n);
        if (r > n) return;
        updates.adds.forEach((element, adds) -> {
            if (read.valuesRead().contains(element)) return;
            for (Op add : adds) {
                int w = add.invocation().level().required(n);
                if (!add.isOk() || w > n || r + w <= n || add.completedMicros() >= read.invokedMicros()) continue;
                if (updates.removerOf(add, read.completedMicros()) != null) continue;
                if (powerLosses.forgotOperation(key, add.crdt().operationId(), read.completedMicros())) continue;
                out.add(violation("stale read: it lacks " + element + ", added and acknowledged before it began and removed by no remove"
                        + " that could have seen that add (R=" + r + " + W=" + w + " > N=" + n + "): read " + read.describe() + "; add " + add.describe()));
                return; // one explanation per element and read
            }
        });
    }

    private void checkFinal(Key key, Updates updates, FinalState state, PowerLosses powerLosses, List<Violation> out) {
        for (NodeId replica : state.replicasOf(key)) {
            KeyState held = state.at(replica, key);
            Crdt<?> crdt = held.crdt();
            if (held.hasLiveValues() || crdt != null && !(crdt instanceof OrSet)) {
                out.add(violation("after heal, " + replica + " holds " + key + " as " + (crdt == null ? "plain values" : "a " + crdt.type().displayName())
                        + ", not a set"));
                continue;
            }
            TreeSet<String> present = new TreeSet<>();
            if (crdt != null) {
                for (Bytes element : ((OrSet) crdt).elements()) present.add(element.toUtf8());
            }
            for (String element : present) {
                String problem = phantom(element, updates, Long.MAX_VALUE);
                if (problem != null) out.add(violation("after heal, " + replica + " holds " + element + " in " + key + ": " + problem));
            }
            updates.adds.forEach((element, adds) -> {
                if (present.contains(element)) return;
                for (Op add : adds) {
                    if (!add.isOk() || updates.removerOf(add, Long.MAX_VALUE) != null) continue;
                    if (powerLosses.forgotOperation(key, add.crdt().operationId(), Long.MAX_VALUE)) continue;
                    out.add(violation("after heal, " + replica + " lacks " + element + " in " + key + " (holds " + present
                            + "), though no remove of it could have seen acknowledged " + add.describe()));
                    return;
                }
            });
        }
    }

    private Violation violation(String explanation) {
        return new Violation(name(), explanation);
    }
}
