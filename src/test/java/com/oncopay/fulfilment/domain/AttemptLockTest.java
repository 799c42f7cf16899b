package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptLockTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    @ParameterizedTest(name = "{0} failures, locked until {1} → {2} failures, locked until {3}")
    @CsvSource({
        "0, ,                     1, ",
        "8, ,                     9, ",
        "9, ,                     10, 2026-11-23T03:00:00Z", // the 10th locks for an hour
        "10, 2026-11-23T02:30:00Z, 11, 2026-11-23T02:30:00Z", // while locked the lock does not move
        "10, 2026-11-23T02:00:00Z, 1, ", // a lock that has run out: counting starts again
        "10, 2026-11-23T01:00:00Z, 1, "
    })
    void a_failure_counts_and_the_tenth_locks(int failures, String lockedUntil, int after, String lockedAfter) {
        AttemptLock.State s = new AttemptLock.State(failures, lockedUntil == null ? null : Instant.parse(lockedUntil));
        AttemptLock.State next = AttemptLock.afterFailure(s, NOW, 10, HOUR);
        assertEquals(new AttemptLock.State(after, lockedAfter == null ? null : Instant.parse(lockedAfter)), next);
    }

    @ParameterizedTest
    @CsvSource({"2026-11-23T02:00:01Z, true, 1", "2026-11-23T02:59:59.5Z, true, 3599", "2026-11-23T02:00:00Z, false, 0"
    })
    void locked_until_the_instant_it_ends(String until, boolean locked, long retryAfter) {
        AttemptLock.State s = new AttemptLock.State(10, Instant.parse(until));
        assertEquals(locked, AttemptLock.isLocked(s, NOW));
        if (locked) assertEquals(retryAfter, AttemptLock.retryAfterSeconds(s, NOW));
    }

    @org.junit.jupiter.api.Test
    void the_lock_is_audited_by_the_failure_that_made_it() {
        AttemptLock.State nine = new AttemptLock.State(9, null);
        AttemptLock.State ten = AttemptLock.afterFailure(nine, NOW, 10, HOUR);
        assertTrue(AttemptLock.lockedBy(nine, ten, NOW));
        assertFalse(AttemptLock.lockedBy(ten, AttemptLock.afterFailure(ten, NOW, 10, HOUR), NOW));
    }
}
