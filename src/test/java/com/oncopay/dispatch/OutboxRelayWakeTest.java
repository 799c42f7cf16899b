package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.db.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * #22: the relay starts a round when a commit wrote outbox rows, not on its timer. The periodic round is set
 * 30 s apart here, so an event that arrives within a second was woken: by the in-process nudge after the
 * commit, or by PostgreSQL NOTIFY from another connection (another replica). Real PostgreSQL, Kafka and SSE.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1) // a test profile restarts the application: after the default-profile classes
@TestProfile(OutboxRelayWakeTest.LongInterval.class)
class OutboxRelayWakeTest {
    public static class LongInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("oncopay.dispatch.relay-interval", "30S");
        }
    }

    private static final Duration T = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    Transactions transactions;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    DispatchConfig config;

    @TestHTTPResource("/")
    URL base;

    private double rounds(String cause) {
        var c = registry.find("oncopay.dispatch.relay.rounds")
                .tag("cause", cause)
                .counter();
        return c == null ? 0 : c.count();
    }

    private double allRounds() {
        return rounds("timer") + rounds("commit") + rounds("notify") + rounds("follow-up");
    }

    private long one(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .atMost(T)
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void an_event_reaches_an_open_stream_within_a_second_though_the_next_periodic_round_is_30_s_away()
            throws Exception {
        String ph = "DEMO-PH-BJ-01";
        DispatchStreamTest.reserve(ph); // warms the path (first Kafka send, first SSE)
        for (int attempt = 0; ; attempt++) {
            long k = DispatchStreamTest.last(ph);
            try (var sse = new SseLines(base, ph, k)) {
                Thread.sleep(300); // the stream is open
                double timer = rounds("timer");
                DispatchStreamTest.reserve(ph); // the commit is the end of this call
                long committed = System.nanoTime();
                List<Long> got = sse.take(1, Duration.ofSeconds(5));
                long ms = (System.nanoTime() - committed) / 1_000_000;
                if (rounds("timer") != timer && attempt < 2) continue; // the 30 s round happened to run: again
                assertEquals(List.of(k + 1), got);
                assertTrue(ms < 1000, "commit → SSE took " + ms + " ms");
                System.out.println("relay wake: commit → SSE " + ms + " ms");
                return;
            }
        }
    }

    @Test
    void concurrent_fulfilments_reach_each_pharmacys_stream_exactly_once_and_in_order() throws Exception {
        String a = "DEMO-PH-GZ-01", b = "DEMO-PH-SH-01";
        long ka = DispatchStreamTest.last(a), kb = DispatchStreamTest.last(b);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (var sa = new SseLines(base, a, ka);
                var sb = new SseLines(base, b, kb)) {
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                made.add(threads.submit(() -> DispatchStreamTest.reserve(a)));
                made.add(threads.submit(() -> DispatchStreamTest.reserve(b)));
            }
            for (Future<?> f : made) f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(List.of(ka + 1, ka + 2, ka + 3, ka + 4, ka + 5), sa.take(5, Duration.ofSeconds(20)));
            assertEquals(List.of(kb + 1, kb + 2, kb + 3, kb + 4, kb + 5), sb.take(5, Duration.ofSeconds(20)));
            assertTrue(sa.take(1, Duration.ofSeconds(2)).isEmpty(), "nothing repeated");
            assertTrue(sb.take(1, Duration.ofMillis(200)).isEmpty(), "nothing repeated");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_burst_of_commits_makes_far_fewer_rounds_than_commits_and_every_row_goes_out_once_in_order()
            throws Exception {
        String ph = "TEST-BURST-" + UUID.randomUUID();
        int commits = 200;
        double before = allRounds();
        // 16 at a time (the pool's acquire timeout is 1 s; they queue on the pharmacy's stream row anyway)
        io.smallrye.mutiny.Multi.createFrom()
                .range(0, commits)
                .onItem()
                .transformToUni(n -> transactions.inTransaction(
                        tx -> outbox.write(tx, ph, "TEST", "burst-" + n, Map.<String, Object>of("n", n))))
                .merge(16)
                .collect()
                .last()
                .await()
                .atMost(Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (one("select count(*) from outbox where pharmacy_code = $1 and sent_at is null", ph) > 0
                && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(0, one("select count(*) from outbox where pharmacy_code = $1 and sent_at is null", ph));
        double rounds = allRounds() - before;
        System.out.println("relay wake: " + commits + " commits, " + rounds + " rounds");
        assertTrue(rounds <= commits / 4.0, rounds + " rounds for " + commits + " commits");

        // on the topic: each row once, in stream order, keyed by the pharmacy
        List<Long> seqs = new ArrayList<>();
        try (var consumer = DispatchStreamTest.consumerFromTheStart()) {
            consumer.subscribe(List.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("mp.messaging.outgoing.dispatch-out.topic", String.class)));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seqs.size() < commits && System.nanoTime() < until)
                for (var r : consumer.poll(Duration.ofMillis(500)))
                    if (ph.equals(r.key())) seqs.add(new io.vertx.core.json.JsonObject(r.value()).getLong("seq"));
            Thread.sleep(500);
            for (var r : consumer.poll(Duration.ofMillis(500)))
                if (ph.equals(r.key())) seqs.add(new io.vertx.core.json.JsonObject(r.value()).getLong("seq"));
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= commits; s++) expected.add(s);
        assertEquals(expected, seqs, "every position once, in order");

        // a thousand nudges at once: at most a couple of rounds
        double nudged = allRounds();
        for (int i = 0; i < 1000; i++) relay.nudge();
        Thread.sleep(1000);
        assertTrue(allRounds() - nudged <= 3, (allRounds() - nudged) + " rounds for 1000 nudges");
    }

    @Test
    void a_notify_from_another_connection_wakes_the_relay() throws Exception {
        String ph = "TEST-NOTIFY-" + UUID.randomUUID();
        for (int attempt = 0; ; attempt++) {
            double timer = rounds("timer"), any = allRounds();
            // another replica's commit, without its NOTIFY: nothing on this replica looks for it
            Row row = pool.withTransaction(c -> c.preparedQuery("""
                                    with pos as (insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 1)
                                      on conflict (pharmacy_code) do update set last_seq = pharmacy_stream.last_seq + 1
                                      returning last_seq)
                                    insert into outbox (pharmacy_code, event_type, aggregate_id, payload, seq, created_at)
                                    select $1, 'TEST', 'notify', '{}'::jsonb, last_seq, now() from pos returning id""").execute(Tuple.of(ph)))
                    .await()
                    .atMost(T)
                    .iterator()
                    .next();
            long id = row.getLong("id");
            Thread.sleep(1500);
            boolean quiet = allRounds() == any; // no round at all (nothing else committed meanwhile)
            if (quiet) assertEquals(1, one("select count(*) from outbox where id = $1 and sent_at is null", id));
            // its NOTIFY (what the other replica's transaction sends at commit)
            long notified = System.nanoTime();
            pool.query("notify oncopay_outbox, 'another-replica'")
                    .execute()
                    .await()
                    .atMost(T);
            while (one("select count(*) from outbox where id = $1 and sent_at is null", id) > 0
                    && System.nanoTime() - notified < Duration.ofSeconds(5).toNanos()) Thread.sleep(10);
            long ms = (System.nanoTime() - notified) / 1_000_000;
            if ((!quiet || rounds("timer") != timer) && attempt < 2) continue; // the 30 s round ran meanwhile
            assertEquals(0, one("select count(*) from outbox where id = $1 and sent_at is null", id));
            assertTrue(ms < 1000, "NOTIFY → sent took " + ms + " ms");
            System.out.println("relay wake: NOTIFY → sent " + ms + " ms");
            return;
        }
    }

    /**
     * The money transactions do not NOTIFY by default: PostgreSQL serialises the commits of notifying transactions on
     * one lock held through their WAL flush (the bench found COMMITs queued on it, and redemptions at a third of the
     * rate without it). The other replicas still hear of a commit: a NOTIFY with this replica's name, sent after it on a
     * statement of its own, reaches a listener as it reaches them.
     */
    @Test
    void the_other_replicas_hear_of_a_commit_by_a_notify_sent_after_it_on_a_statement_of_its_own() throws Exception {
        assertEquals(DispatchConfig.NotifyMode.AFTER_COMMIT, config.notifyMode(), "the default notify mode");
        var cfg = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (java.sql.Connection listener = java.sql.DriverManager.getConnection(
                cfg.getValue("quarkus.datasource.jdbc.url", String.class),
                cfg.getValue("quarkus.datasource.username", String.class),
                cfg.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(""))) {
            listener.createStatement().execute("listen " + config.notifyChannel());
            var pg = listener.unwrap(org.postgresql.PGConnection.class);
            pg.getNotifications(100); // (none yet: the listen itself)
            String ph = "TEST-AFTER-" + UUID.randomUUID();
            transactions
                    .inTransaction(tx -> outbox.write(tx, ph, "TEST", "after", Map.<String, Object>of("n", 1)))
                    .await()
                    .atMost(T);
            List<String> heard = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (heard.isEmpty() && System.nanoTime() < until) {
                var got = pg.getNotifications(200);
                if (got != null) for (var n : got) heard.add(n.getParameter());
            }
            assertTrue(heard.contains(relay.replica()), "a NOTIFY from this replica after its commit: " + heard);

            // a burst: NOTIFYs coalesced and spaced (each is a commit of its own), never one per money transaction
            int commits = 120;
            long started = System.nanoTime();
            io.smallrye.mutiny.Multi.createFrom()
                    .range(0, commits)
                    .onItem()
                    .transformToUni(n -> transactions.inTransaction(tx -> outbox.write(
                            tx, ph + "-" + (n % 8), "TEST", "spaced-" + n, Map.<String, Object>of("n", n))))
                    .merge(16)
                    .collect()
                    .last()
                    .await()
                    .atMost(Duration.ofSeconds(120));
            long burstMs = (System.nanoTime() - started) / 1_000_000;
            int notifies = 0;
            long quiet = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < quiet) {
                var got = pg.getNotifications(50);
                if (got != null) notifies += got.length;
            }
            long spacing = config.notifySpacing().toMillis();
            System.out.println("after-commit notify: " + commits + " commits in " + burstMs + " ms, " + notifies
                    + " NOTIFYs (spacing " + spacing + " ms)");
            assertTrue(notifies >= 1, "the burst was announced");
            assertTrue(
                    notifies <= (burstMs + 500) / spacing + 2,
                    notifies + " NOTIFYs in " + (burstMs + 500) + " ms: closer than " + spacing + " ms apart");
        }
    }
}
