package com.oncopay.platform.time;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Real elapsed time for the engine's own bookkeeping: when an audit row or an outbox event was
 * written, when an event was sent, how long an idempotency key is kept. Business rules take the
 * business {@link java.time.Clock} instead (which tests pin to a day). Either way the time is
 * taken here and passed to SQL as a parameter, never from the database's {@code now()}.
 */
@Singleton
public class WallClock {
    private final Clock clock = Clock.systemUTC();

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
