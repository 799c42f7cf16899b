package com.oncopay.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncopay.platform.time.WallClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * #22: the outbox in daily partitions (V23). Days ahead are prepared, a day past the retention is dropped whole
 * once every row in it was sent and kept while one is not, the default partition's rows move into their day's
 * partition when it is made, and a live stream still gets an event written earlier than the one before it.
 * Real PostgreSQL (as the engine's role, which owns nothing), Kafka and the relay.
 */
@QuarkusTest
class OutboxPartitionsTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Inject
    Pool pool;

    @Inject
    OutboxPartitions partitions;

    @Inject
    DispatchStream stream;

    @Inject
    WallClock wallClock;

    private LocalDate today() {
        return wallClock.now().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    private static String partition(LocalDate day) {
        return "outbox_" + day.format(DAY);
    }

    private String regclass(SqlClient c, String name) {
        return c.preparedQuery("select to_regclass($1)::text")
                .execute(Tuple.of("oncopay." + name))
                .await()
                .atMost(T)
                .iterator()
                .next()
                .getString(0);
    }

    /** An outbox row of its own pharmacy, written at {@code at}; answers its id. */
    private static long insert(SqlClient c, String pharmacy, long seq, OffsetDateTime at, OffsetDateTime sentAt) {
        return c.preparedQuery("""
                        insert into outbox (pharmacy_code, event_type, aggregate_id, payload, seq, created_at, sent_at)
                        values ($1, 'TEST', 'partitions', '{}'::jsonb, $2, $3, $4) returning id""")
                .execute(Tuple.of(pharmacy, seq, at, sentAt))
                .await()
                .atMost(T)
                .iterator()
                .next()
                .getLong(0);
    }

    private String whereIs(SqlClient c, long id) {
        var rows = c.preparedQuery("select tableoid::regclass::text from outbox where id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(T);
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }

    private static OffsetDateTime noon(LocalDate day) {
        return day.atTime(12, 0).atOffset(ZoneOffset.UTC);
    }

    @Test
    void yesterday_today_and_the_next_two_days_have_partitions_and_a_new_event_lands_in_todays() {
        partitions.maintain().await().atMost(T);
        for (int d = -1; d <= 2; d++)
            assertNotNull(regclass(pool, partition(today().plusDays(d))), "no partition for " + today().plusDays(d));
        String ph = "TEST-PART-" + UUID.randomUUID();
        long id = insert(pool, ph, 1, wallClock.now(), null);
        assertEquals(partition(today()), whereIs(pool, id));
        // a second run has nothing to make
        assertEquals(0, partitions.maintain().await().atMost(T)[0]);
    }

    @Test
    void a_day_past_the_retention_is_dropped_whole_once_all_its_rows_were_sent_and_kept_while_one_is_not() {
        LocalDate old = today().minusDays(45); // the retention is 30 days
        pool.preparedQuery("select outbox_prepare_days($1, 1)")
                .execute(Tuple.of(old))
                .await()
                .atMost(T);
        assertNotNull(regclass(pool, partition(old)));
        String ph = "TEST-PART-" + UUID.randomUUID();
        long sent = insert(pool, ph, 1, noon(old), noon(old).plusMinutes(1));
        assertEquals(partition(old), whereIs(pool, sent));

        // an unsent row (uncommitted, so that the relay cannot send it meanwhile): the day is kept
        var c = pool.getConnection().await().atMost(T);
        var tx = c.begin().await().atMost(T);
        try {
            insert(c, ph, 2, noon(old), null);
            int dropped = c.preparedQuery("select outbox_drop_days_before($1)")
                    .execute(Tuple.of(today().minusDays(30)))
                    .await()
                    .atMost(T)
                    .iterator()
                    .next()
                    .getInteger(0);
            assertEquals(0, dropped);
            assertNotNull(regclass(c, partition(old)), "a day holding an unsent row was dropped");
        } finally {
            tx.rollback().await().atMost(T);
            c.close().await().atMost(T);
        }

        // all sent: dropped with its rows, and nothing newer is touched
        int[] run = partitions.maintain().await().atMost(T);
        assertTrue(run[1] >= 1, "dropped " + run[1]);
        assertNull(regclass(pool, partition(old)));
        assertNull(whereIs(pool, sent));
        assertNotNull(regclass(pool, partition(today())));
    }

    @Test
    void a_row_of_a_day_without_its_partition_waits_in_the_default_one_and_moves_when_the_day_is_made() {
        LocalDate day = today().minusDays(20); // within the retention: nothing deletes it
        assertNull(regclass(pool, partition(day)));
        String ph = "TEST-PART-" + UUID.randomUUID();
        long id = insert(pool, ph, 1, noon(day), noon(day));
        assertEquals("outbox_default", whereIs(pool, id));
        pool.preparedQuery("select outbox_prepare_days($1, 1)")
                .execute(Tuple.of(day))
                .await()
                .atMost(T);
        assertEquals(partition(day), whereIs(pool, id));

        // the default partition's sent rows past the retention are deleted, its unsent ones kept
        LocalDate old = today().minusDays(200);
        long oldSent = insert(pool, ph, 2, noon(old), noon(old));
        assertEquals("outbox_default", whereIs(pool, oldSent));
        partitions.maintain().await().atMost(T);
        assertNull(whereIs(pool, oldSent));
        assertNotNull(whereIs(pool, id));
    }

    @Test
    void a_live_stream_gets_an_event_written_earlier_than_the_one_before_it_and_the_relay_marks_both_sent()
            throws Exception {
        String ph = "TEST-PART-" + UUID.randomUUID();
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        var subscription = stream.live(ph, 0).subscribe().with(item -> {
            if (item.event() != null) seen.add(item.event().id());
        });
        try {
            OffsetDateTime now = wallClock.now();
            long first = insert(pool, ph, 1, now, null);
            pool.preparedQuery("select pg_notify('oncopay_outbox', 'test')")
                    .execute()
                    .await()
                    .atMost(T);
            assertEquals(1L, seen.poll(10, TimeUnit.SECONDS));
            // position 2 with an earlier time (its transaction took the clock before position 1's): still read
            long second = insert(pool, ph, 2, now.minusHours(2), null);
            pool.preparedQuery("select pg_notify('oncopay_outbox', 'test')")
                    .execute()
                    .await()
                    .atMost(T);
            assertEquals(2L, seen.poll(10, TimeUnit.SECONDS), "the event written earlier was skipped");
            for (long id : new long[] {first, second}) {
                long deadline = System.nanoTime() + T.toNanos();
                while (System.nanoTime() < deadline && sentAt(id) == null) Thread.sleep(50);
                assertNotNull(sentAt(id), "row " + id + " was never marked sent");
            }
        } finally {
            subscription.cancel();
        }
    }

    private OffsetDateTime sentAt(long id) {
        return pool.preparedQuery("select sent_at from outbox where id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(T)
                .iterator()
                .next()
                .getOffsetDateTime(0);
    }
}
