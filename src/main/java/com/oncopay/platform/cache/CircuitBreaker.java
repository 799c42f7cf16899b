package com.oncopay.platform.cache;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A circuit breaker over the last {@code window} calls, in plain Java (#22: SmallRye Fault Tolerance was in the engine
 * for this one breaker, with its classes and its context-propagation integration).
 *
 * <ul>
 *   <li><b>Closed:</b> every call is let through and its outcome recorded. As soon as the window is full and at
 *       least {@code failureRatio} of its calls failed, it opens.
 *   <li><b>Open:</b> no call is let through for {@code delayNanos}.
 *   <li><b>Half-open:</b> after the delay, one trial call is let through, the others are refused as while open. The
 *       trial's success closes the breaker with an empty window; its failure opens it for another delay.
 * </ul>
 *
 * Safe to use from several threads; every method is short and holds the one lock.
 */
public final class CircuitBreaker {
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int window;
    private final int failuresToOpen;
    private final long delayNanos;
    private final LongSupplier nanoTime;
    private final Consumer<State> onChange;

    /** The last {@code window} outcomes, true for a failure, as a ring. */
    private final boolean[] outcomes;

    private int recorded, next, failures;
    private State state = State.CLOSED;
    private long openedAt;
    private boolean trialOut;

    /**
     * @param window the calls it looks at (at least 1)
     * @param failureRatio the share of them that, failed, opens it (above 0, at most 1)
     * @param delayNanos how long it stays open before a trial call
     * @param nanoTime the clock ({@link System#nanoTime} in production)
     * @param onChange told of every change of state, outside the lock
     */
    public CircuitBreaker(
            int window, double failureRatio, long delayNanos, LongSupplier nanoTime, Consumer<State> onChange) {
        if (window < 1) throw new IllegalArgumentException("window < 1: " + window);
        if (!(failureRatio > 0 && failureRatio <= 1))
            throw new IllegalArgumentException("failure ratio not in (0, 1]: " + failureRatio);
        if (delayNanos < 0) throw new IllegalArgumentException("delay < 0");
        this.window = window;
        this.failuresToOpen = Math.max(1, (int) Math.ceil(window * failureRatio - 1e-9));
        this.delayNanos = delayNanos;
        this.nanoTime = nanoTime;
        this.onChange = onChange;
        this.outcomes = new boolean[window];
    }

    /**
     * Whether a call may be made now. Every call let through must be followed by exactly one {@link #succeeded},
     * {@link #failed} or {@link #abandoned}.
     */
    public boolean tryCall() {
        State changed;
        synchronized (this) {
            switch (state) {
                case CLOSED:
                    return true;
                case HALF_OPEN:
                    if (trialOut) return false;
                    trialOut = true;
                    return true;
                default: // OPEN
                    if (nanoTime.getAsLong() - openedAt < delayNanos) return false;
                    changed = state = State.HALF_OPEN;
                    trialOut = true;
            }
        }
        onChange.accept(changed);
        return true;
    }

    /** The call let through answered in time. */
    public void succeeded() {
        outcome(false);
    }

    /** The call let through failed or ran out of time. */
    public void failed() {
        outcome(true);
    }

    /** The call let through was never made, or its caller went away before it answered: nothing to count. */
    public synchronized void abandoned() {
        if (state == State.HALF_OPEN) trialOut = false; // the next call is the trial
    }

    public synchronized State state() {
        return state;
    }

    private void outcome(boolean failure) {
        State changed;
        synchronized (this) {
            switch (state) {
                case HALF_OPEN: // the trial's answer (or a late one's: Redis answered, or did not, just now)
                    trialOut = false;
                    if (failure) changed = open();
                    else {
                        clearWindow();
                        changed = state = State.CLOSED;
                    }
                    break;
                case CLOSED:
                    record(failure);
                    if (recorded < window || failures < failuresToOpen) return;
                    changed = open();
                    break;
                default: // OPEN: a call let through before it opened, answering late
                    return;
            }
        }
        onChange.accept(changed);
    }

    private State open() {
        clearWindow();
        openedAt = nanoTime.getAsLong();
        return state = State.OPEN;
    }

    private void record(boolean failure) {
        if (recorded == window && outcomes[next]) failures--;
        outcomes[next] = failure;
        if (failure) failures++;
        next = (next + 1) % window;
        if (recorded < window) recorded++;
    }

    private void clearWindow() {
        Arrays.fill(outcomes, false);
        recorded = next = failures = 0;
    }
}
