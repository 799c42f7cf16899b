package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.TcpFault;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the real SQL client fails its commands with when PostgreSQL's end of a connection goes away while they are in
 * flight or queued behind it, through a proxy that drops the connection with an RST ({@code reset}: a killed server's
 * host, "Connection reset" as the client reads) or a FIN ({@code cut}): each failure must be one that
 * {@link DatabaseUnavailable#is} recognises, so that the request is answered 503 {@code DATABASE_UNAVAILABLE}, never
 * 500 (a read-side reset answered 500 in {@code DatabaseKilledFaultIT} on CI).
 */
@QuarkusTest
class DatabaseConnectionLostTest {
    private static final long WAIT_SECONDS = 30;

    @Inject
    io.vertx.core.Vertx vertx;

    @Test
    void commands_in_flight_and_queued_when_the_connection_is_reset_fail_as_the_database_away() throws Exception {
        for (String drop : new String[] {"reset", "cut"}) assertLost(drop);
    }

    private void assertLost(String drop) throws Exception {
        var direct = DatabaseHeartbeatTest.applicationConnectOptions();
        try (TcpFault way = TcpFault.proxy(direct.getHost(), direct.getPort())) {
            // one connection that pipelines: the first command is in flight, the others are queued behind it
            Pool pool = io.vertx.pgclient.PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(1))
                    .connectingTo(new io.vertx.pgclient.PgConnectOptions(direct)
                            .setPort(way.port())
                            .setPipeliningLimit(4))
                    .using(vertx)
                    .build();
            try {
                pool.query("select 1")
                        .execute()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                List<CompletableFuture<?>> running = new ArrayList<>();
                for (int i = 0; i < 3; i++)
                    running.add(pool.query("select pg_sleep(5)")
                            .execute()
                            .toCompletionStage()
                            .toCompletableFuture());
                Thread.sleep(300); // sent, and PostgreSQL is sleeping on the first
                if ("reset".equals(drop)) way.reset();
                else {
                    way.cut();
                    way.restore();
                }
                for (CompletableFuture<?> command : running) {
                    Throwable failure = null;
                    try {
                        command.get(WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        failure = e.getCause();
                    }
                    assertTrue(failure != null, drop + ": the command failed");
                    Throwable f = failure;
                    assertTrue(DatabaseUnavailable.is(f), drop + ": the database away, not a bug: " + describe(f));
                    assertTrue(!DatabaseUnavailable.waitedForConnection(f), drop + ": not a wait for a connection");
                }
                // and the pool connects again (it may first hand out the dropped connection, which fails as away)
                assertEquals(1, againAfter(pool, drop), drop + ": a new connection after the drop");
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static int againAfter(Pool pool, String drop) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return pool.query("select 1")
                        .execute()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(WAIT_SECONDS, TimeUnit.SECONDS)
                        .size();
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(DatabaseUnavailable.is(e.getCause()), drop + ", after: " + describe(e.getCause()));
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(50);
            }
        }
    }

    private static String describe(Throwable f) {
        var out = new java.io.StringWriter();
        f.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
