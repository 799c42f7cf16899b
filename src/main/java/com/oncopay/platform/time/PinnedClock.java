package com.oncopay.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The business clock when {@code oncopay.clock.fixed} pins it (tests only): it stands still at
 * one instant, which a test may move to try a rule on another day (and must move back).
 */
public final class PinnedClock extends Clock {
    private final ZoneId zone;
    private volatile Instant instant;

    public PinnedClock(Instant instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    public void pinTo(Instant instant) {
        this.instant = instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new PinnedClock(instant, zone);
    }

    @Override
    public Instant instant() {
        return instant;
    }
}
