package com.oncopay.platform.health;

import java.time.Duration;

/**
 * When the start-up warm-up ends (#22): never before its least time, never after its most, and in between as soon as
 * the JIT has settled, its compiler threads having taken at most {@code settled} of the engine's CPU over the last
 * stretch. A fixed 20 s left a fresh engine's JIT on 43-48% of its CPU under the first load, compiling again at the
 * load's own shape (bench notes 2026-12-06 rehearsal), so the end now follows what the JIT does, not the clock alone.
 * Plain Java; {@link JitMeter} measures the share.
 *
 * @param least the least time ({@code oncopay.warm-up.duration})
 * @param most the most time ({@code oncopay.warm-up.max-duration}); below {@code least}, {@code least}
 * @param settled the JIT's share of the engine's CPU at or under which it has settled
 */
record WarmUpEnd(Duration least, Duration most, double settled) {
    WarmUpEnd {
        if (most.compareTo(least) < 0) most = least;
    }

    /**
     * Whether the warm-up is over after {@code elapsed}, the JIT having taken {@code jitShare} of the engine's CPU in
     * the last stretch ({@code NaN}: the JVM does not say, and the least time is enough).
     */
    boolean over(Duration elapsed, double jitShare) {
        if (elapsed.compareTo(least) < 0) return false;
        if (elapsed.compareTo(most) >= 0) return true;
        return Double.isNaN(jitShare) || jitShare <= settled;
    }
}
