package io.chorus.crdt.type;

import io.chorus.crdt.clock.Dot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An enable-wins flag: enabled while it holds a dot. Disabling drops the dots the disabler saw;
 * an enable concurrent with a disable carries a dot the disabler never saw, so it wins.
 */
public final class EwFlag extends Crdt<EwFlag> {
    private static final EwFlag EMPTY = new EwFlag(DotSet.EMPTY, CausalContext.EMPTY);

    private final DotSet dots;

    private EwFlag(DotSet dots, CausalContext context) {
        super(context);
        this.dots = dots;
    }

    public static EwFlag empty() {
        return EMPTY;
    }

    static EwFlag of(DotSet dots, CausalContext context) {
        return dots.isEmpty() && context.isEmpty() ? EMPTY : new EwFlag(dots, context);
    }

    DotSet dotSet() {
        return dots;
    }

    public boolean enabled() {
        return !dots.isEmpty();
    }

    /** Enables the flag on behalf of node {@code actor}. */
    public Update<EwFlag> enable(String actor) {
        Dot dot = context().nextDot(actor);
        List<Dot> seen = new ArrayList<>(dots.asList());
        seen.add(dot);
        return new Update<>(new EwFlag(DotSet.of(dot), context().with(dot)), new EwFlag(DotSet.of(dot), CausalContext.ofDots(seen)));
    }

    /** Disables the flag as observed here; a concurrent enable elsewhere still wins. */
    public Update<EwFlag> disable() {
        if (dots.isEmpty()) return Update.none(this);
        return new Update<>(of(DotSet.EMPTY, context()), of(DotSet.EMPTY, CausalContext.ofDots(dots.asList())));
    }

    @Override
    public CrdtType type() {
        return CrdtType.EW_FLAG;
    }

    @Override
    public boolean isEmpty() {
        return dots.isEmpty();
    }

    @Override
    EwFlag joinStores(CausalContext mine, EwFlag other, CausalContext theirs, CausalContext result) {
        DotSet joined = dots.join(mine, other.dots, theirs);
        return joined == dots && result.equals(context()) ? this : of(joined, result);
    }

    @Override
    EwFlag withContext(CausalContext context) {
        return of(dots, context);
    }

    @Override
    void forEachDot(Consumer<Dot> sink) {
        dots.forEach(sink);
    }

    @Override
    Object store() {
        return dots;
    }
}
