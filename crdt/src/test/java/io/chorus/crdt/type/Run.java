package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** Plays a {@link History} with one {@link Model}, recording every state, delta and update. */
final class Run<T extends Crdt<T>> {
    /** An operation's update and the state it was applied to. */
    record Applied<T extends Crdt<T>>(T before, Op<T> op, Update<T> update) {
    }

    final List<T> replicas = new ArrayList<>();
    /** Every state any replica held, the empty one first. */
    final List<T> states = new ArrayList<>();
    final List<T> deltas = new ArrayList<>();
    final List<Applied<T>> applied = new ArrayList<>();

    private Run() {
    }

    static <T extends Crdt<T>> Run<T> of(Model<T> model, History history) {
        Run<T> run = new Run<>();
        Random random = new Random(history.seed());
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < history.nodeCount(); i++) {
            nodes.add(new Node("n" + (i + 1), random.nextInt(200)));
            run.replicas.add(model.empty());
        }
        run.states.add(model.empty());
        long trueMillis = 1_000;
        for (History.Step step : history.steps()) {
            trueMillis += Math.floorMod(step.seed(), 3);
            int at = step.node() % nodes.size();
            Random choices = new Random(step.seed());
            T state = run.replicas.get(at);
            if (step.kind() < 6) {
                Node node = nodes.get(at);
                node.tick(trueMillis);
                Op<T> op = model.randomOp(choices);
                Update<T> update = op.apply(state, node);
                run.applied.add(new Applied<>(state, op, update));
                run.deltas.add(update.delta());
                state = update.state();
            } else if (step.kind() < 8) {
                state = state.merge(run.replicas.get(choices.nextInt(nodes.size())));
            } else if (!run.deltas.isEmpty()) {
                state = state.merge(run.deltas.get(choices.nextInt(run.deltas.size())));
            }
            run.replicas.set(at, state);
            run.states.add(state);
        }
        return run;
    }

    /** True when some operation of the kind {@code which} was applied to a state that had seen {@code dot}. */
    boolean observed(Dot dot, Predicate<Op<T>> which) {
        return applied.stream().anyMatch(a -> which.test(a.op()) && a.before().context().contains(dot));
    }

    /** The dot an applied operation minted; only for operations that mint one. */
    static Dot mintedBy(Applied<?> applied) {
        List<Dot> dots = applied.update().delta().dots();
        if (dots.size() != 1) throw new AssertionError("operation " + applied.op() + " minted " + dots);
        return dots.get(0);
    }

    T pickState(Random random) {
        return states.get(random.nextInt(states.size()));
    }

    /** The join of every replica's final state: where full anti-entropy would take them all. */
    T joinOfReplicas() {
        T joined = replicas.get(0);
        for (T replica : replicas) joined = joined.merge(replica);
        return joined;
    }
}
