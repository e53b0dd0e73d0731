package io.chorus.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The time side of a {@link RequestCall}: its one deadline, its attempts in flight with the times
 * they are given up as silent or hedged, the backoff before its next round, and the one timer that
 * serves them all, its alarm. The call (the only subclass) says what to do when each comes due.
 *
 * <p>A call has at most one scheduled task at a time, its alarm, set for the earliest of its
 * deadline, its attempts' silence and hedge times and its backoff. When it goes off it handles
 * whatever is due and is set again for what is next; an answer cancels it. A call answered in time
 * thus costs one timer, not one per deadline (read: three), which matters at thousands of calls a
 * second (bench/README.md, "Client CPU per op"). A subclass rather than a part, so that a call is
 * still one object. All state but the deadline is confined to the call's loop.
 */
abstract class TimedCall extends CallOutcome {
    /** No such time: a {@code ...AtNanos} that never comes. */
    static final long NEVER = Long.MAX_VALUE;

    final long startNanos = System.nanoTime();
    /** Fixed on the caller's thread, so that a busy loop cannot push the deadline back. */
    private final long deadlineNanos;

    // Confined to loop.
    /** Sends not answered yet and not given up: usually one, two while a read is hedged. */
    final List<Attempt> inFlight = new ArrayList<>(2);
    /** When the next round may start; {@link #NEVER} when no round waits. */
    private long backoffAtNanos = NEVER;
    /** The one timer of the call, due at {@link #alarmAtNanos}; null when none is set. */
    private ScheduledFuture<?> alarm;
    private long alarmAtNanos;

    TimedCall(EventExecutor loop, long requestTimeoutMillis) {
        super(loop);
        this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis);
    }

    /** The call's whole request timeout, as given to the constructor (a method, not a field: a call is allocated per request). */
    abstract long requestTimeoutMillis();

    /** The call's deadline passed. */
    abstract void onDeadline();

    /** {@code attempt} had no answer by its {@link Attempt#silentAtNanos}. */
    abstract void onSilent(Attempt attempt);

    /** {@code attempt} had no answer by its {@link Attempt#hedgeAtNanos}. */
    abstract void onHedge(Attempt attempt);

    /** The backoff is over: the next round may start. */
    abstract void onBackoffOver();

    /** Milliseconds left of the call's request timeout at {@code nowNanos}. */
    final long remainingMillis(long nowNanos) {
        return requestTimeoutMillis() - TimeUnit.NANOSECONDS.toMillis(nowNanos - startNanos);
    }

    /**
     * Sets when {@code attempt}, sent at {@code nowNanos}, is given up as silent and when it is
     * hedged; each only when it comes before the deadline, neither when its delay is 0.
     */
    final void setDueTimes(Attempt attempt, long nowNanos, long silentAfterMillis, long hedgeAfterMillis) {
        long remainingMillis = remainingMillis(nowNanos);
        if (silentAfterMillis > 0 && silentAfterMillis < remainingMillis) {
            attempt.silentAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(silentAfterMillis);
        }
        if (hedgeAfterMillis > 0 && hedgeAfterMillis < remainingMillis) {
            attempt.hedgeAtNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(hedgeAfterMillis);
        }
    }

    /** Starts the next round {@code waitMillis} from now, when the alarm goes off. On the loop. */
    final void backOff(long waitMillis) {
        backoffAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    /** Sets the alarm for the earliest time something is due, unless it already goes off by then. On the loop. */
    final void setAlarm() {
        if (done()) return;
        long dueNanos = Math.min(deadlineNanos, backoffAtNanos);
        for (Attempt attempt : inFlight) dueNanos = Math.min(dueNanos, Math.min(attempt.silentAtNanos, attempt.hedgeAtNanos));
        if (alarm != null) {
            if (alarmAtNanos - dueNanos <= 0) return; // goes off early enough: it sets itself again then
            alarm.cancel(false);
        }
        alarmAtNanos = dueNanos;
        alarm = loop.schedule(this::onAlarm, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Cancels the alarm and any backoff: nothing is due any more. On the loop. */
    final void cancelAlarm() {
        if (alarm != null) {
            alarm.cancel(false);
            alarm = null;
        }
        backoffAtNanos = NEVER;
    }

    /** Handles what is due: the deadline, else silent attempts, hedges and the next round; then sets the alarm again. */
    private void onAlarm() {
        alarm = null;
        if (done()) return;
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
            onDeadline();
            return;
        }
        for (Attempt attempt : List.copyOf(inFlight)) { // a silent attempt may start another
            if (now - attempt.silentAtNanos >= 0) {
                onSilent(attempt);
            } else if (now - attempt.hedgeAtNanos >= 0) {
                attempt.hedgeAtNanos = NEVER;
                onHedge(attempt);
            }
        }
        if (!done() && now - backoffAtNanos >= 0) {
            backoffAtNanos = NEVER;
            onBackoffOver();
        }
        setAlarm();
    }
}
