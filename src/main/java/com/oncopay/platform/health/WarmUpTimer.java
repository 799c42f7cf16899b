package com.oncopay.platform.health;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The start-up warm-up's time ({@link StartupWarmUp}): from its start until {@link WarmUpEnd} says it is over, asked
 * every {@link #CHECK_EVERY} with the JIT's share of the engine's CPU in that stretch ({@link JitMeter}).
 */
final class WarmUpTimer {
    /** How often it asks whether the JIT has settled (the stretch the JIT's share is measured over). */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final WarmUpEnd end;
    private final Vertx vertx;
    /** When the requests stop ({@link System#nanoTime}): the most time at first, now once the JIT has settled. */
    private final AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);

    private volatile long began, timer = -1;
    private volatile boolean stopped;
    private volatile double jitShare = Double.NaN;
    private volatile Duration lasted = Duration.ZERO;

    WarmUpTimer(WarmUpEnd end, Vertx vertx) {
        this.end = end;
        this.vertx = vertx;
    }

    WarmUpEnd end() {
        return end;
    }

    void start() {
        began = System.nanoTime();
        stopAt.set(began + end.most().toNanos());
        // the meter reads /proc, its first reading when it is made: on a worker thread, never the event loop
        vertx.executeBlocking(JitMeter::new, false).onSuccess(meter -> {
            if (!stopped)
                timer = vertx.setPeriodic(
                        CHECK_EVERY.toMillis(),
                        id -> vertx.executeBlocking(meter::share, false).onSuccess(share -> {
                            if (stopped) { // stopped while this timer was being set
                                vertx.cancelTimer(id);
                                return;
                            }
                            jitShare = share;
                            if (end.over(Duration.ofNanos(System.nanoTime() - began), share)) {
                                vertx.cancelTimer(id);
                                stopAt.set(System.nanoTime());
                            }
                        }));
        });
    }

    /** Whether the requests stop now (each lane after the answer it waits for). */
    boolean over() {
        return System.nanoTime() >= stopAt.get();
    }

    /** The requests have stopped: at the most time, perhaps before the check said so. */
    void stopped() {
        stopped = true;
        vertx.cancelTimer(timer);
        lasted = Duration.ofNanos(System.nanoTime() - began);
    }

    /** How long it went on (zero until it stopped). */
    Duration lasted() {
        return lasted;
    }

    /** The JIT's share of the engine's CPU in its last stretch ({@code NaN}: not measured, or the JVM does not say). */
    double jitShare() {
        return jitShare;
    }
}
