package com.oncopay.platform.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The business clock, in the business time zone; rules take dates from it as arguments.
 * {@code oncopay.clock.fixed} pins it to an instant (the test profile does, so that
 * waiting periods, due dates and the holiday calendar give the same answers every year; a test may
 * move it for a while, see {@link PinnedClock}).
 * Caches and rate limits measure elapsed time with the system clock, not this one.
 */
public class ClockProducer {
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @Singleton
    Clock clock(ClockConfig config) {
        return config.fixed()
                .<Clock>map(t -> new PinnedClock(t.toInstant(), BUSINESS_ZONE))
                .orElseGet(() -> Clock.system(BUSINESS_ZONE));
    }
}
