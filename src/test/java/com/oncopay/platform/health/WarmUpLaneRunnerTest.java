package com.oncopay.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * #22: the warm-up's lanes, on a real Vert.x. A failed round ends its lane at once (each round after it would wait as
 * long as it did, and with the relay's lane the relay's real events with it); the other lanes go on until the time is
 * over; each lane says once that it ended.
 */
class WarmUpLaneRunnerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Answers {@code good} rounds, then fails every one. */
    static final class Lane implements WarmUpLane {
        final AtomicInteger calls = new AtomicInteger(), endedCalls = new AtomicInteger();
        final int good;

        Lane(int good) {
            this.good = good;
        }

        @Override
        public Uni<Void> round() {
            return calls.incrementAndGet() <= good
                    ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5))
                    : Uni.createFrom().failure(new IllegalStateException("the broker is away"));
        }

        @Override
        public void ended() {
            endedCalls.incrementAndGet();
        }
    }

    @Test
    void a_failed_round_ends_its_lane_and_the_others_go_on_until_the_time_is_over() throws Exception {
        WarmUpLaneRunner runner = new WarmUpLaneRunner(vertx);
        Lane failing = new Lane(2), lasting = new Lane(Integer.MAX_VALUE);
        AtomicBoolean over = new AtomicBoolean();
        AtomicInteger ended = new AtomicInteger();
        CountDownLatch failedEnded = new CountDownLatch(1), allEnded = new CountDownLatch(2);

        runner.start(List.of(failing, lasting), over::get, () -> {
            ended.incrementAndGet();
            failedEnded.countDown();
            allEnded.countDown();
        });

        assertTrue(failedEnded.await(10, TimeUnit.SECONDS), "the failing lane ended");
        Thread.sleep(300);
        assertEquals(3, failing.calls.get(), "two good rounds, one failed, none after it");
        assertEquals(1, ended.get(), "only the failed lane has ended while the time runs");
        assertEquals(1, failing.endedCalls.get(), "the failed lane was told it ended (what it holds can go)");
        assertEquals(0, lasting.endedCalls.get(), "the other one was not");
        assertTrue(lasting.calls.get() > 10, "the other lane went on: " + lasting.calls.get());

        over.set(true);
        assertTrue(allEnded.await(10, TimeUnit.SECONDS), "the other lane ended with the time");
        int afterOver = lasting.calls.get();
        Thread.sleep(200);
        assertEquals(afterOver, lasting.calls.get(), "no round once the time is over");
        assertEquals(2, ended.get(), "each lane ended once");
        assertEquals(1, lasting.endedCalls.get(), "and was told so once");
        assertEquals(1, failing.endedCalls.get());
        assertEquals(1, runner.stopped());
        assertEquals(2 + afterOver, runner.rounds(), "every good round counted");
        assertEquals("the broker is away", runner.lastFailure().getMessage());
    }
}
