package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseHeartbeat}: PostgreSQL counts as answering while a beat came back in the last 1.5 s; on a real pool
 * whose only connection is held, the beats (over a connection of their own) still come back, and the request that
 * waits past the acquisition timeout fails with what {@link DatabaseUnavailable#waitedForConnection} recognises (the
 * client's own failure, not one made up here): together, 503 {@code ENGINE_BUSY}.
 */
@QuarkusTest
class DatabaseHeartbeatTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Inject
    DatabaseHeartbeat applications;

    @Test
    void postgresql_is_answering_while_a_beat_came_back_in_the_last_1500_ms() {
        record Case(String what, long[] answeredAtMillis, long askedAtMillis, boolean answering) {}
        for (Case c : new Case[] {
            new Case("never answered (just started, or never reached)", new long[] {}, 5_000, false),
            new Case("just now", new long[] {5_000}, 5_000, true),
            new Case("1,499 ms ago", new long[] {3_501}, 5_000, true),
            new Case("1,500 ms ago: no longer", new long[] {3_500}, 5_000, false),
            new Case("beats every 200 ms until a moment ago", new long[] {4_400, 4_600, 4_800}, 5_000, true),
            new Case(
                    "frozen two seconds ago: the beat in flight never came back",
                    new long[] {2_600, 2_800, 3_000},
                    5_000,
                    false),
            // the clock is System.nanoTime: any long, negative ones too
            new Case("negative clock readings", new long[] {-10_000}, -9_500, true),
        }) {
            AtomicLong nowMillis = new AtomicLong();
            DatabaseHeartbeat heartbeat = new DatabaseHeartbeat(() -> TimeUnit.MILLISECONDS.toNanos(nowMillis.get()));
            for (long at : c.answeredAtMillis()) {
                nowMillis.set(at);
                heartbeat.answered();
            }
            nowMillis.set(c.askedAtMillis());
            assertEquals(c.answering(), heartbeat.answering(), c.what());
        }
    }

    /** A failed beat (connection refused or closed) is not answering at once, not 1.5 s later; the next answer is. */
    @Test
    void a_failed_beat_stops_answering_at_once_until_the_next_answer() {
        AtomicLong nowMillis = new AtomicLong(5_000);
        DatabaseHeartbeat heartbeat = new DatabaseHeartbeat(() -> TimeUnit.MILLISECONDS.toNanos(nowMillis.get()));
        heartbeat.answered();
        nowMillis.set(5_200);
        assertTrue(heartbeat.answering(), "answered 200 ms ago");
        heartbeat.failed();
        assertTrue(!heartbeat.answering(), "a beat failed just now, although the last answer is fresh");
        nowMillis.set(5_400);
        heartbeat.answered();
        assertTrue(heartbeat.answering(), "answering again with the next answer");
    }

    @Test
    void with_every_pooled_connection_held_the_beats_still_come_back_and_the_waiter_fails_as_waited() throws Exception {
        var options = applicationConnectOptions();
        io.vertx.sqlclient.Pool core = io.vertx.pgclient.PgBuilder.pool()
                .with(new io.vertx.sqlclient.PoolOptions()
                        .setMaxSize(1)
                        .setConnectionTimeout(200)
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build();
        DatabaseHeartbeat heartbeat = new DatabaseHeartbeat();
        Transactions overOne = new Transactions(Pool.newInstance(core));
        var held = Pool.newInstance(core).getConnection().await().atMost(WAIT);
        try {
            assertTrue(!heartbeat.answering(), "no beat yet");
            heartbeat.start(List.of(options));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!heartbeat.answering() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(heartbeat.answering(), "the beats come back while the request pool's connection is held");
            Throwable failure = assertThrows(
                    Throwable.class,
                    () -> overOne.inTransaction(
                                    tx -> tx.client().query("select 1").execute())
                            .await()
                            .atMost(WAIT));
            assertTrue(
                    DatabaseUnavailable.is(failure) && DatabaseUnavailable.waitedForConnection(failure),
                    "waited past the acquisition timeout: " + failure);
        } finally {
            heartbeat.stop();
            held.close().await().atMost(WAIT);
            core.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /**
     * Through a proxy that freezes (connections stay open, nothing passes: a hung server) and then cuts (connections
     * closed, new ones refused): the heartbeat stops counting PostgreSQL as answering within 1.5 s of each and counts it
     * again once the server is back.
     */
    @Test
    void a_frozen_or_cut_database_stops_answering_and_is_answering_again_when_back() throws Exception {
        var direct = applicationConnectOptions();
        try (com.oncopay.support.TcpFault way =
                com.oncopay.support.TcpFault.proxy(direct.getHost(), direct.getPort())) {
            var options = applicationConnectOptions().setPort(way.port());
            DatabaseHeartbeat heartbeat = new DatabaseHeartbeat();
            heartbeat.start(List.of(options));
            int control = way.controlPort();
            try {
                awaitAnswering(heartbeat, true, "up");
                com.oncopay.support.TcpFault.command(control, "freeze");
                awaitAnswering(heartbeat, false, "frozen");
                com.oncopay.support.TcpFault.command(control, "thaw");
                awaitAnswering(heartbeat, true, "thawed");
                com.oncopay.support.TcpFault.command(control, "cut");
                awaitAnswering(heartbeat, false, "cut");
                com.oncopay.support.TcpFault.command(control, "restore");
                awaitAnswering(heartbeat, true, "restored");
            } finally {
                heartbeat.stop();
            }
        }
    }

    /**
     * Overload is when the heartbeat is asked. With every one of the engine's event loops held (as hundreds of queued
     * requests hold them), the application's beats still come back and count: they run on an event loop of their own.
     * On the engine's loops, the last answer would age past 1.5 s while its handler waited its turn.
     */
    @Test
    void the_beats_come_back_while_every_engine_event_loop_is_held() throws Exception {
        awaitAnswering(applications, true, "before");
        var release = new java.util.concurrent.CountDownLatch(1);
        var loops = ((io.vertx.core.impl.VertxInternal) vertx.getDelegate()).getEventLoopGroup();
        int held = 0;
        for (var loop : loops) {
            loop.execute(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            held++;
        }
        try {
            Thread.sleep(2 * DatabaseHeartbeat.FRESH_MILLIS);
            assertTrue(applications.answering(), "answering with the engine's " + held + " event loops held for 3 s");
        } finally {
            release.countDown();
        }
    }

    /** Waits until the heartbeat says {@code answering}: within 1.5 s and a few beats, with slack for a busy machine. */
    private static void awaitAnswering(DatabaseHeartbeat heartbeat, boolean answering, String when)
            throws InterruptedException {
        long started = System.nanoTime();
        while (heartbeat.answering() != answering && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10))
            Thread.sleep(20);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(answering, heartbeat.answering(), when + ", after " + ms + " ms");
        if (!answering) assertTrue(ms < 3_000, when + ": no longer answering after " + ms + " ms, not within 1.5 s");
    }

    /** How the application connects to PostgreSQL (its reactive URL, user and password), for pools a test builds. */
    static io.vertx.pgclient.PgConnectOptions applicationConnectOptions() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return io.vertx.pgclient.PgConnectOptions.fromUri(
                        config.getValue("quarkus.datasource.reactive.url", String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(""));
    }
}
