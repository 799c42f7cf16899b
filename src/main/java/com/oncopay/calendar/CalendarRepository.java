package com.oncopay.calendar;

import com.oncopay.calendar.domain.CalendarYear;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The official calendar years and their days, as loaded from the notices. */
@ApplicationScoped
public class CalendarRepository {
    /** An official year as stored, with where it came from. */
    public record StoredYear(CalendarYear year, String sourceSha256, OffsetDateTime loadedAt, String loadedBy) {}

    private final Pool pool;

    public CalendarRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredYear>> all() {
        return pool.query(
                        "select y.year, y.notice_title, y.notice_date, y.source_sha256, y.loaded_at, y.loaded_by, d.day, d.kind, d.note "
                                + "from calendar_year y left join calendar_day d on d.year = y.year order by y.year, d.day")
                .execute()
                .map(rows -> {
                    record Head(
                            int year, String title, LocalDate noticeDate, String sha, OffsetDateTime at, String by) {}
                    Map<Integer, Head> heads = new HashMap<>();
                    Map<Integer, Map<LocalDate, CalendarYear.Day>> days = new HashMap<>();
                    List<Integer> order = new ArrayList<>();
                    for (Row r : rows) {
                        int year = r.getInteger("year");
                        if (heads.putIfAbsent(
                                        year,
                                        new Head(
                                                year,
                                                r.getString("notice_title"),
                                                r.getLocalDate("notice_date"),
                                                r.getString("source_sha256"),
                                                r.getOffsetDateTime("loaded_at"),
                                                r.getString("loaded_by")))
                                == null) {
                            order.add(year);
                            days.put(year, new HashMap<>());
                        }
                        LocalDate day = r.getLocalDate("day");
                        if (day != null)
                            days.get(year)
                                    .put(
                                            day,
                                            new CalendarYear.Day(
                                                    day,
                                                    CalendarYear.Kind.valueOf(r.getString("kind")),
                                                    r.getString("note")));
                    }
                    List<StoredYear> out = new ArrayList<>();
                    for (int year : order) {
                        Head h = heads.get(year);
                        Optional<CalendarYear.Notice> notice = h.title() == null && h.noticeDate() == null
                                ? Optional.empty()
                                : Optional.of(new CalendarYear.Notice(h.title(), h.noticeDate()));
                        out.add(new StoredYear(
                                new CalendarYear(year, CalendarYear.Status.OFFICIAL, days.get(year), notice),
                                h.sha(),
                                h.at(),
                                h.by()));
                    }
                    return out;
                });
    }

    /** The stored file's hash, locking the row (so that two loads of one year run one after the other). */
    public Uni<Optional<String>> lockSourceHash(SqlClient tx, int year) {
        return tx.preparedQuery("select source_sha256 from calendar_year where year = $1 for update")
                .execute(Tuple.of(year))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.empty());
    }

    /** Inserts the year if it has no row yet; true if it did (start-up seeding, safe on every replica at once). */
    public Uni<Boolean> insertIfAbsent(SqlClient tx, CalendarYear y, String source, String sha256, String actor) {
        return tx.preparedQuery(
                        "insert into calendar_year (year, notice_title, notice_date, source_tsv, source_sha256, loaded_by) "
                                + "values ($1, $2, $3, $4, $5, $6) on conflict (year) do nothing")
                .execute(yearRow(y, source, sha256, actor))
                .flatMap(r -> r.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : insertDays(tx, y).replaceWith(true));
    }

    /** Replaces the year and all its days. */
    public Uni<Void> replace(SqlClient tx, CalendarYear y, String source, String sha256, String actor) {
        return tx.preparedQuery(
                        "insert into calendar_year (year, notice_title, notice_date, source_tsv, source_sha256, loaded_by) "
                                + "values ($1, $2, $3, $4, $5, $6) on conflict (year) do update set notice_title = excluded.notice_title, "
                                + "notice_date = excluded.notice_date, source_tsv = excluded.source_tsv, source_sha256 = excluded.source_sha256, "
                                + "loaded_at = now(), loaded_by = excluded.loaded_by")
                .execute(yearRow(y, source, sha256, actor))
                .flatMap(r -> tx.preparedQuery("delete from calendar_day where year = $1")
                        .execute(Tuple.of(y.year())))
                .flatMap(r -> insertDays(tx, y));
    }

    private static Tuple yearRow(CalendarYear y, String source, String sha256, String actor) {
        return Tuple.from(new Object[] {
            y.year(),
            y.notice().map(CalendarYear.Notice::title).orElse(null),
            y.notice().map(CalendarYear.Notice::publishedOn).orElse(null),
            source,
            sha256,
            actor
        });
    }

    private static Uni<Void> insertDays(SqlClient tx, CalendarYear y) {
        List<Tuple> days = y.days().values().stream()
                .map(d -> Tuple.of(d.date(), y.year(), d.kind().name(), d.note()))
                .toList();
        if (days.isEmpty()) return Uni.createFrom().voidItem();
        return tx.preparedQuery("insert into calendar_day (day, year, kind, note) values ($1, $2, $3, $4)")
                .executeBatch(days)
                .replaceWithVoid();
    }
}
