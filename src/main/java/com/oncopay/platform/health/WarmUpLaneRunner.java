package com.oncopay.platform.health;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Runs the {@link WarmUpLane}s of the start-up warm-up ({@link StartupWarmUp}) round after round until its time is
 * over. A failed round (a broker away, a topic it may not create) ends its lane: each round after it would wait as
 * long, and with the relay's lane, the relay's real events with it.
 */
final class WarmUpLaneRunner {
    private final Vertx vertx;
    private final LongAdder rounds = new LongAdder(), stopped = new LongAdder();
    private volatile Throwable lastFailure;

    WarmUpLaneRunner(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts every lane; {@code laneEnded} runs once for each, when the time is over or its round failed. */
    void start(List<WarmUpLane> lanes, BooleanSupplier over, Runnable laneEnded) {
        for (WarmUpLane lane : lanes) next(lane, over, laneEnded);
    }

    private void next(WarmUpLane lane, BooleanSupplier over, Runnable laneEnded) {
        if (over.getAsBoolean()) {
            lane.ended();
            laneEnded.run();
            return;
        }
        lane.round()
                .subscribe()
                .with(
                        done -> {
                            rounds.increment();
                            vertx.runOnContext(v -> next(lane, over, laneEnded));
                        },
                        e -> {
                            stopped.increment();
                            lastFailure = e;
                            lane.ended();
                            laneEnded.run();
                        });
    }

    /** Rounds that ended well, in all lanes. */
    long rounds() {
        return rounds.sum();
    }

    /** Lanes a failed round ended. */
    long stopped() {
        return stopped.sum();
    }

    /** The failure that ended a lane last (null: none). */
    Throwable lastFailure() {
        return lastFailure;
    }
}
