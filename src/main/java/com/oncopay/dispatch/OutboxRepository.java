package com.oncopay.dispatch;

import com.oncopay.platform.db.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The {@code outbox} and each pharmacy's stream position ({@code pharmacy_stream}). */
@ApplicationScoped
public class OutboxRepository {
    /** Takes the pharmacy's next stream position and inserts the row, in one statement. */
    private static final String INSERT = """
            with pos as (
              insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 1)
              on conflict (pharmacy_code) do update set last_seq = pharmacy_stream.last_seq + 1
              returning last_seq)
            insert into outbox (pharmacy_code, event_type, aggregate_id, payload, seq, created_at)
            select $1, $2, $3, $4, last_seq, $5 from pos returning seq""";
    /**
     * The same, and notifies the relays (delivered at commit; identical notifications of one transaction
     * are sent once).
     */
    private static final String INSERT_AND_NOTIFY = """
            with pos as (
              insert into pharmacy_stream (pharmacy_code, last_seq) values ($1, 1)
              on conflict (pharmacy_code) do update set last_seq = pharmacy_stream.last_seq + 1
              returning last_seq),
            ins as (
              insert into outbox (pharmacy_code, event_type, aggregate_id, payload, seq, created_at)
              select $1, $2, $3, $4, last_seq, $5 from pos returning seq)
            select seq, pg_notify($6, $7) from ins""";

    private static final String NOTIFY = "select pg_notify($1, $2)";

    private static final String RELAY_LOCK = "select pg_try_advisory_xact_lock($1)";
    private static final String UNSENT = """
            select id, pharmacy_code, seq, event_type, aggregate_id, payload, created_at
              from outbox where sent_at is null order by id limit $1""";
    private static final String UNSENT_FIGURES =
            "select count(*) as unsent, min(created_at) as oldest from outbox where sent_at is null";
    /** {@code $3}: the oldest row's time, so that only the daily partitions from its day on are looked at. */
    private static final String MARK_SENT = "update outbox set sent_at = $2 where id = any($1) and created_at >= $3";
    /** V23's maintenance, run as the schema's owner: partitions for the days ahead, old sent days dropped. */
    private static final String PREPARE_DAYS = "select outbox_prepare_days($1, $2)";

    private static final String DROP_DAYS = "select outbox_drop_days_before($1)";
    /** {@code $4}: rows written before it are not looked at (whole daily partitions are skipped). */
    private static final String STREAM = """
            select seq, event_type, payload, created_at from outbox
             where pharmacy_code = $1 and seq > $2 and created_at >= $4 order by seq limit $3""";

    /** A lower bound on {@code created_at} that excludes nothing. */
    static final OffsetDateTime ALL = OffsetDateTime.parse("2000-01-01T00:00:00Z");

    /** An outbox row as the relay publishes it. */
    public record Unsent(
            long id,
            String pharmacyCode,
            long seq,
            String eventType,
            String aggregateId,
            Object payload,
            OffsetDateTime createdAt) {}

    /** A row of a pharmacy's stream: its position, the event and its payload, and when it was written. */
    public record Streamed(long seq, String eventType, JsonObject payload, OffsetDateTime createdAt) {}

    /**
     * Inserts the row and answers its stream position; with a {@code notifyChannel} it also notifies the relays at
     * the transaction's commit.
     */
    public Uni<Long> insert(
            Tx tx,
            String pharmacyCode,
            String eventType,
            String aggregateId,
            JsonObject payload,
            OffsetDateTime at,
            String notifyChannel,
            String notifyPayload) {
        if (notifyChannel == null)
            return tx.client()
                    .preparedQuery(INSERT)
                    .execute(Tuple.of(pharmacyCode, eventType, aggregateId, payload, at))
                    .map(OutboxRepository::seq);
        return tx.client()
                .preparedQuery(INSERT_AND_NOTIFY)
                .execute(Tuple.from(
                        new Object[] {pharmacyCode, eventType, aggregateId, payload, at, notifyChannel, notifyPayload}))
                .map(OutboxRepository::seq);
    }

    private static long seq(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        return rows.iterator().next().getLong("seq");
    }

    /** Wakes the relays listening on {@code channel} (a statement of its own). */
    public Uni<Void> notifyRelays(Tx tx, String channel, String payload) {
        return tx.client()
                .preparedQuery(NOTIFY)
                .execute(Tuple.of(channel, payload))
                .replaceWithVoid();
    }

    /** The relay's transaction-scoped lock: true for the one transaction across replicas that got it. */
    public Uni<Boolean> tryRelayLock(Tx tx, long key) {
        return tx.client()
                .preparedQuery(RELAY_LOCK)
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<List<Unsent>> unsent(Tx tx, int limit) {
        return tx.client().preparedQuery(UNSENT).execute(Tuple.of(limit)).map(rows -> {
            List<Unsent> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Unsent(
                        r.getLong("id"),
                        r.getString("pharmacy_code"),
                        r.getLong("seq"),
                        r.getString("event_type"),
                        r.getString("aggregate_id"),
                        r.getValue("payload"),
                        r.getOffsetDateTime("created_at")));
            }
            return out;
        });
    }

    /** Rows waiting for Kafka, and when the oldest of them was written (null when none). */
    public record UnsentFigures(long unsent, OffsetDateTime oldest) {}

    public Uni<UnsentFigures> unsentFigures(Tx tx) {
        return tx.client().query(UNSENT_FIGURES).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new UnsentFigures(r.getLong("unsent"), r.getOffsetDateTime("oldest"));
        });
    }

    /** Marks the rows sent; {@code oldest}: no row among them was written before it. */
    public Uni<Void> markSent(Tx tx, Long[] ids, OffsetDateTime at, OffsetDateTime oldest) {
        return tx.client()
                .preparedQuery(MARK_SENT)
                .execute(Tuple.of(ids, at, oldest))
                .replaceWithVoid();
    }

    /** A partition for each UTC day from {@code first} on, {@code days} of them; answers how many were made. */
    public Uni<Integer> prepareDays(Tx tx, LocalDate first, int days) {
        return tx.client()
                .preparedQuery(PREPARE_DAYS)
                .execute(Tuple.of(first, days))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * Drops the daily partitions that ended by the start of {@code day} (UTC) and hold no unsent row, and deletes
     * the default partition's rows sent before it; answers how many partitions were dropped.
     */
    public Uni<Integer> dropDaysBefore(Tx tx, LocalDate day) {
        return tx.client()
                .preparedQuery(DROP_DAYS)
                .execute(Tuple.of(day))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** The pharmacy's rows after position {@code after}, written at or after {@code since} ({@link #ALL}: any). */
    public Uni<List<Streamed>> stream(Tx tx, String pharmacyCode, long after, OffsetDateTime since, int limit) {
        return tx.client()
                .preparedQuery(STREAM)
                .execute(Tuple.of(pharmacyCode, after, limit, since))
                .map(rows -> {
                    List<Streamed> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Streamed(
                                r.getLong("seq"),
                                r.getString("event_type"),
                                (JsonObject) r.getValue("payload"),
                                r.getOffsetDateTime("created_at")));
                    }
                    return out;
                });
    }
}
