package com.oncopay.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.support.Fixtures;
import com.oncopay.support.TcpFault;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Transactions#inTransaction} sends BEGIN with the unit's first statements instead of waiting for it: the
 * statements must still be one transaction, a failure anywhere (BEGIN's queue, a statement, the COMMIT) must roll the
 * whole back and fail the unit, and what runs after the commit must run only after a commit.
 */
@QuarkusTest
class TransactionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Transactions transactions;

    @Inject
    Pool pool;

    @Inject
    TransactionWarmUp warmUp;

    private static Uni<Long> one(Tx tx, String sql, Object... args) {
        return tx.client()
                .preparedQuery(sql)
                .execute(Tuple.from(args))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private long rows(String pharmacy) {
        return one(Tx.of(pool), "select count(*) from pharmacy_stream where pharmacy_code = $1", pharmacy)
                .await()
                .atMost(WAIT);
    }

    @Test
    void the_statements_sent_with_the_begin_are_one_transaction_and_commit_together() {
        String pharmacy = Fixtures.unique("TX-COMMIT-");
        AtomicInteger after = new AtomicInteger();
        List<Long> ids = transactions
                .inTransaction(tx -> {
                    tx.afterCommit(after::incrementAndGet);
                    // subscribed together: queued on the connection right behind BEGIN
                    return Uni.combine()
                            .all()
                            .unis(
                                    one(tx, "select txid_current()"),
                                    one(
                                            tx,
                                            "insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 7)"
                                                    + " returning last_seq",
                                            pharmacy),
                                    one(tx, "select txid_current()"))
                            .with(Long.class, list -> new ArrayList<>(list));
                })
                .await()
                .atMost(WAIT);
        assertEquals(ids.get(0), ids.get(2), "one transaction id for the statements of the unit");
        assertEquals(1, rows(pharmacy), "committed");
        assertEquals(1, after.get(), "what waits for the commit ran once, after it");
    }

    @Test
    void the_warm_up_lane_commits_real_units() {
        long before = warmUp.committed();
        for (int i = 0; i < 5; i++) warmUp.round().await().atMost(WAIT);
        // every unit of every round took the real path: committed, and what it asked for after the commit ran (a
        // rehearsal's unit never runs it)
        assertEquals(before + 5 * TransactionWarmUp.AT_ONCE, warmUp.committed());
    }

    @Test
    void a_failing_statement_rolls_back_what_went_before_it_and_the_pool_stays_usable() {
        String pharmacy = Fixtures.unique("TX-ROLLBACK-");
        AtomicInteger after = new AtomicInteger();
        for (int attempt = 0; attempt < 40; attempt++) { // more than the pool has connections
            Uni<Long> unit = transactions.inTransaction(tx -> {
                tx.afterCommit(after::incrementAndGet);
                return Uni.combine()
                        .all()
                        .unis(
                                one(
                                        tx,
                                        "insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 1)"
                                                + " returning last_seq",
                                        pharmacy),
                                one(tx, "select 1 / 0"))
                        .with(Long.class, list -> list.get(0));
            });
            PgException e = assertThrows(PgException.class, () -> unit.await().atMost(WAIT));
            assertEquals("22012", e.getSqlState(), "the unit fails with its statement's error");
        }
        assertEquals(0, rows(pharmacy), "nothing of the failed units is left");
        assertEquals(0, after.get(), "nothing ran as if committed");
        everyConnectionIsBackOutOfItsTransaction();
    }

    /**
     * More units than the pool has connections, each of them succeeding: a connection returned in its failed
     * transaction would fail the next unit on it ("current transaction is aborted"), one never returned would make
     * the pool wait.
     */
    private void everyConnectionIsBackOutOfItsTransaction() {
        for (int unit = 0; unit < 40; unit++)
            assertEquals(
                    1L,
                    transactions
                            .inTransaction(tx -> one(tx, "select 1"))
                            .await()
                            .atMost(WAIT));
    }

    /**
     * A unit that reads, decides and writes ({@code SubmittingPrescription}) runs its transaction on the connection
     * its reads had: one server session for both, the transaction's own id, and on a failure the rollback leaves that
     * connection usable for the pool.
     */
    @Test
    void a_transaction_on_the_connection_of_the_reads_uses_that_session_and_releases_it_once() {
        String pharmacy = Fixtures.unique("TX-SAME-");
        AtomicInteger after = new AtomicInteger();
        List<Long> sessions = transactions
                .onConnection(c -> one(c, "select pg_backend_pid()")
                        .flatMap(readOn -> transactions
                                .inTransaction(c, tx -> {
                                    tx.afterCommit(after::incrementAndGet);
                                    return Uni.combine()
                                            .all()
                                            .unis(
                                                    one(tx, "select pg_backend_pid()"),
                                                    one(
                                                            tx,
                                                            "insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 3)"
                                                                    + " returning last_seq",
                                                            pharmacy),
                                                    one(
                                                            tx,
                                                            "select count(*) from pg_stat_activity where pid = pg_backend_pid()"
                                                                    + " and state = 'active' and xact_start is not null"))
                                            .with(Long.class, list -> new ArrayList<>(list));
                                })
                                .map(written -> List.of(readOn, written.get(0), written.get(2)))))
                .await()
                .atMost(WAIT);
        assertEquals(sessions.get(0), sessions.get(1), "the transaction ran in the reads' session");
        assertEquals(1L, sessions.get(2), "inside a transaction there");
        assertEquals(1, rows(pharmacy), "committed");
        assertEquals(1, after.get(), "what waits for the commit ran once, after it");

        for (int attempt = 0; attempt < 40; attempt++) { // more than the pool has connections
            Uni<Long> unit = transactions.onConnection(c -> transactions.inTransaction(
                    c,
                    tx -> Uni.combine()
                            .all()
                            .unis(
                                    one(
                                            tx,
                                            "insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 1)"
                                                    + " returning last_seq",
                                            pharmacy + "-X"),
                                    one(tx, "select 1 / 0"))
                            .with(Long.class, list -> list.get(0))));
            PgException e = assertThrows(PgException.class, () -> unit.await().atMost(WAIT));
            assertEquals("22012", e.getSqlState());
        }
        assertEquals(0, rows(pharmacy + "-X"), "the failed transactions were rolled back");
        everyConnectionIsBackOutOfItsTransaction();
    }

    @Test
    void a_transaction_is_begun_only_on_a_connection_outside_any_transaction() {
        assertThrows(
                IllegalArgumentException.class,
                () -> transactions.inTransaction(
                        Tx.of(pool), tx -> Uni.createFrom().item(1)),
                "the pool itself has no connection to hold");
        Uni<Integer> nested = transactions.inTransaction(outer ->
                transactions.inTransaction(outer, tx -> Uni.createFrom().item(1)));
        assertThrows(IllegalArgumentException.class, () -> nested.await().atMost(WAIT), "no transaction inside one");
        everyConnectionIsBackOutOfItsTransaction();
    }

    @Test
    void a_commit_that_fails_fails_the_unit() {
        AtomicInteger after = new AtomicInteger();
        Uni<Long> unit = transactions.inTransaction(tx -> {
            tx.afterCommit(after::incrementAndGet);
            // a reference checked at the commit (as fulfilment.dispense_id is) that is broken when it is checked
            return tx.client()
                    .query("create temp table tx_probe (id int primary key, parent int references tx_probe (id)"
                            + " deferrable initially deferred) on commit drop")
                    .execute()
                    .flatMap(created -> one(tx, "insert into tx_probe values (1, 2) returning id"));
        });
        PgException e = assertThrows(PgException.class, () -> unit.await().atMost(WAIT));
        assertEquals("23503", e.getSqlState(), "the commit's foreign-key violation is the unit's failure");
        assertEquals(0, after.get());
    }

    @Test
    void a_unit_that_throws_before_its_first_statement_still_releases_its_connection() {
        for (int attempt = 0; attempt < 40; attempt++) {
            Uni<Long> unit = transactions.inTransaction(tx -> {
                throw new IllegalStateException("refused before any statement");
            });
            assertThrows(IllegalStateException.class, () -> unit.await().atMost(WAIT));
        }
        everyConnectionIsBackOutOfItsTransaction();
    }

    /**
     * Round trips, counted on a way to PostgreSQL that takes {@value #WAY_MS} ms: a unit of four statements sent together
     * ({@link Pipeline}) waits for two, its BEGIN with its statements and then its COMMIT. It would wait for three if
     * BEGIN's answer were awaited, and for nine or more if the connection prepared each statement before sending the next
     * (no {@code cache-prepared-statements}), which is what the application's own settings are read for here.
     */
    @Test
    void a_pipelined_unit_waits_for_two_round_trips_its_begin_and_statements_then_its_commit() throws Exception {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        var direct = DatabaseHeartbeatTest.applicationConnectOptions();
        try (TcpFault way = TcpFault.delayed(direct.getHost(), direct.getPort(), Duration.ofMillis(WAY_MS))) {
            var options = DatabaseHeartbeatTest.applicationConnectOptions()
                    .setPort(way.port())
                    .setCachePreparedStatements(config.getOptionalValue(
                                    "quarkus.datasource.reactive.cache-prepared-statements", Boolean.class)
                            .orElse(false));
            io.vertx.sqlclient.Pool core = io.vertx.pgclient.PgBuilder.pool()
                    .with(new io.vertx.sqlclient.PoolOptions().setMaxSize(1))
                    .connectingTo(options)
                    .using(vertx.getDelegate())
                    .build();
            Transactions overSlowWay = new Transactions(Pool.newInstance(core));
            try {
                java.util.function.Function<Tx, Uni<Void>> unit = tx -> Pipeline.inOrder(
                        one(tx, "select 1"),
                        one(tx, "select txid_current()"),
                        one(tx, "select count(*) from pharmacy_stream where pharmacy_code = $1", "none"),
                        one(tx, "select 2"));
                overSlowWay.inTransaction(unit).await().atMost(WAIT); // connects and prepares once
                long started = System.nanoTime();
                overSlowWay.inTransaction(unit).await().atMost(WAIT);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertTrue(
                        tookMs >= 2 * WAY_MS && tookMs < 3 * WAY_MS,
                        "two round trips of " + WAY_MS + " ms each, took " + tookMs + " ms");
            } finally {
                core.close().toCompletionStage().toCompletableFuture().get();
            }
        }
    }

    private static final long WAY_MS = 150;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;
}
