package io.chorus.replication.crdt;

import io.chorus.crdt.type.Bytes;
import io.chorus.crdt.type.Crdt;
import io.chorus.crdt.type.EwFlag;
import io.chorus.crdt.type.HybridClock;
import io.chorus.crdt.type.LwwRegister;
import io.chorus.crdt.type.MvRegister;
import io.chorus.crdt.type.OrMap;
import io.chorus.crdt.type.OrSet;
import io.chorus.crdt.type.PnCounter;
import io.chorus.crdt.type.Update;

import java.util.Objects;

/**
 * Applies a client's {@link CrdtOp} to a replica's current value: pure, given the actor (this node in its epoch)
 * and the hybrid clock with the current physical time (for last-writer-wins registers). Checks the
 * operation's inputs first and throws {@link IllegalArgumentException} naming what is wrong.
 */
public final class CrdtOps {
    private CrdtOps() {
    }

    /** Checks sizes and shape before anything is applied. */
    public static void validate(CrdtOp op, int valueBytesMax, int depth) {
        Objects.requireNonNull(op, "operation");
        if (depth > OrMap.NESTING_DEPTH_MAX) throw new IllegalArgumentException("map operation nests deeper than " + OrMap.NESTING_DEPTH_MAX);
        if (op instanceof SetAdd a) elements(a.elements(), valueBytesMax);
        else if (op instanceof SetRemove r) elements(r.elements(), valueBytesMax);
        else if (op instanceof RegisterSet r) value(r.value(), valueBytesMax);
        else if (op instanceof LwwSet r) value(r.value(), valueBytesMax);
        else if (op instanceof MapUpdate u) {
            field(u.field());
            validate(u.operation(), valueBytesMax, depth + 1);
        } else if (op instanceof MapRemove r) {
            field(r.field());
            Objects.requireNonNull(r.type(), "map field type");
        }
    }

    /** The update {@code op} makes to {@code current} (which must be of the op's type, or null for none yet). */
    @SuppressWarnings("unchecked")
    public static Update<?> apply(Crdt<?> current, CrdtOp op, String actor, HybridClock clock, long physicalMillis) {
        Crdt<?> value = current == null ? op.target().empty() : current;
        if (value.type() != op.target()) {
            throw new IllegalArgumentException("the key holds a " + value.type().displayName() + ", not a " + op.target().displayName());
        }
        if (op instanceof CounterAdd a) {
            PnCounter c = (PnCounter) value;
            return a.amount() >= 0 ? c.increment(actor, a.amount()) : c.decrement(actor, -a.amount());
        }
        if (op instanceof SetAdd a) return addAll((OrSet) value, actor, a.elements());
        if (op instanceof SetRemove r) return removeAll((OrSet) value, r.elements());
        if (op instanceof SetClear) return ((OrSet) value).clear();
        if (op instanceof RegisterSet r) return ((MvRegister) value).set(actor, Bytes.of(r.value()));
        if (op instanceof LwwSet r) {
            LwwRegister register = (LwwRegister) value;
            var stamp = register.timestamp().isPresent()
                    ? clock.observe(register.timestamp().get(), physicalMillis)
                    : clock.now(physicalMillis);
            return register.set(Bytes.of(r.value()), stamp);
        }
        if (op instanceof FlagSet f) return f.enabled() ? ((EwFlag) value).enable(actor) : ((EwFlag) value).disable();
        if (op instanceof MapUpdate u) return mapUpdate((OrMap) value, u, actor, clock, physicalMillis);
        MapRemove r = (MapRemove) op;
        return ((OrMap) value).remove(r.field(), (Class<? extends Crdt<?>>) r.type().javaType());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Update<OrMap> mapUpdate(OrMap map, MapUpdate u, String actor, HybridClock clock, long physicalMillis) {
        Class type = u.operation().target().javaType();
        return map.update(u.field(), type, nested -> (Update) apply((Crdt<?>) nested, u.operation(), actor, clock, physicalMillis));
    }

    private static Update<OrSet> addAll(OrSet set, String actor, byte[][] elements) {
        Update<OrSet> total = null;
        OrSet state = set;
        for (byte[] e : elements) {
            Update<OrSet> step = state.add(actor, Bytes.of(e));
            total = total == null ? step : new Update<>(step.state(), total.delta().merge(step.delta()));
            state = step.state();
        }
        return total == null ? new Update<>(set, OrSet.empty()) : total;
    }

    private static Update<OrSet> removeAll(OrSet set, byte[][] elements) {
        Update<OrSet> total = null;
        OrSet state = set;
        for (byte[] e : elements) {
            Update<OrSet> step = state.remove(Bytes.of(e));
            total = total == null ? step : new Update<>(step.state(), total.delta().merge(step.delta()));
            state = step.state();
        }
        return total == null ? new Update<>(set, OrSet.empty()) : total;
    }

    private static void elements(byte[][] elements, int valueBytesMax) {
        if (elements == null || elements.length == 0) throw new IllegalArgumentException("set operation names no element");
        long total = 0;
        for (byte[] e : elements) {
            if (e == null) throw new IllegalArgumentException("set element is missing");
            total += e.length;
        }
        if (total > valueBytesMax) throw new IllegalArgumentException("set elements total " + total + " bytes, over the limit valueBytesMax=" + valueBytesMax);
    }

    private static void value(byte[] value, int valueBytesMax) {
        if (value == null) throw new IllegalArgumentException("register value is missing");
        if (value.length > valueBytesMax) throw new IllegalArgumentException("register value is " + value.length + " bytes, over the limit valueBytesMax=" + valueBytesMax);
    }

    private static void field(String field) {
        if (field == null || field.isEmpty()) throw new IllegalArgumentException("map field name is empty");
        if (field.length() > 256) throw new IllegalArgumentException("map field name is " + field.length() + " characters, over the limit 256");
    }
}
