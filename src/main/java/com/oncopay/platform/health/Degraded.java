package com.oncopay.platform.health;

import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One way of degrading (PostgreSQL unavailable, Redis bypassed, rate limit not applied): a WARN line
 * at most once a minute however many requests degrade, never one per request.
 */
public final class Degraded {
    static final long EVERY_MS = 60_000;

    private final Logger log;
    private final AtomicLong lastWarn = new AtomicLong(Long.MIN_VALUE / 2);

    public Degraded(Class<?> category) {
        this.log = Logger.getLogger(category);
    }

    /** Logs {@code format} at WARN unless this degradation was logged less than a minute ago. */
    public void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        long last = lastWarn.get();
        if (now - last >= EVERY_MS && lastWarn.compareAndSet(last, now)) log.warnf(format, args);
    }
}
