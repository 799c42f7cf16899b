package com.oncopay.fulfilment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed attempts on one fulfilment, counted alike at the counter (wrong pharmacy, wrong identity
 * number) and at the door (a wrong recipient identity number on DELIVERED): the {@code limit}-th
 * failure locks it for {@code lockFor}; while locked every attempt is refused before any check; once
 * the lock has run out, counting starts again from the next failure.
 */
public final class AttemptLock {
    private AttemptLock() {}

    /** The count so far and, when locked, until when ({@code null} when not locked). */
    public record State(int failedAttempts, Instant lockedUntil) {
        public static final State NONE = new State(0, null);
    }

    public static boolean isLocked(State s, Instant now) {
        return s.lockedUntil() != null && s.lockedUntil().isAfter(now);
    }

    /** Whole seconds until the lock ends, at least 1 (for Retry-After). */
    public static long retryAfterSeconds(State s, Instant now) {
        return Math.max(1, Duration.between(now, s.lockedUntil()).toSeconds());
    }

    public static State afterFailure(State s, Instant now, int limit, Duration lockFor) {
        if (isLocked(s, now))
            return new State(s.failedAttempts() + 1, s.lockedUntil()); // counted, the lock does not move
        boolean lockRanOut = s.lockedUntil() != null;
        int failures = lockRanOut ? 1 : s.failedAttempts() + 1;
        if (failures >= limit) return new State(failures, now.plus(lockFor));
        return new State(failures, lockRanOut ? null : s.lockedUntil());
    }

    /** Whether this failure is the one that locked it (to audit the lock once). */
    public static boolean lockedBy(State before, State after, Instant now) {
        return !isLocked(before, now) && isLocked(after, now);
    }
}
