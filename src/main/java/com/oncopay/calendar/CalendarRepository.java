package com.oncopay.calendar;

import com.oncopay.calendar.domain.CalendarYear;
import com.oncopay.platform.db.Tx;
import com.oncopay.platform.time.WallClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
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

    private static final String ALL = """
            select y.year, y.notice_title, y.notice_date, y.source_sha256, y.loaded_at, y.loaded_by,
                   d.day, d.kind, d.note
              from calendar_year y left join calendar_day d on d.year = y.year
             order by y.year, d.day""";
    private static final String LOCK_HASH = "select source_sha256 from calendar_year where year = $1 for update";
    private static final String INSERT_YEAR = """
            insert into calendar_year (year, notice_title, notice_date, source_tsv, source_sha256, loaded_by, loaded_at)
            values ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String INSERT_IF_ABSENT = INSERT_YEAR + " on conflict (year) do nothing";
    private static final String REPLACE = INSERT_YEAR + """

             on conflict (year) do update
               set notice_title = excluded.notice_title, notice_date = excluded.notice_date,
                   source_tsv = excluded.source_tsv, source_sha256 = excluded.source_sha256,
                   loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by""";
    private static final String DELETE_DAYS = "delete from calendar_day where year = $1";
    private static final String INSERT_DAY = "insert into calendar_day (day, year, kind, note) values ($1, $2, $3, $4)";

    private final WallClock wallClock;

    public CalendarRepository(WallClock wallClock) {
        this.wallClock = wallClock;
    }

    public Uni<List<StoredYear>> all(Tx tx) {
        return tx.client().query(ALL).execute().map(rows -> {
            record Head(int year, String title, LocalDate noticeDate, String sha, OffsetDateTime at, String by) {}
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
                                            day, CalendarYear.Kind.valueOf(r.getString("kind")), r.getString("note")));
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
    public Uni<Optional<String>> lockSourceHash(Tx tx, int year) {
        return tx.client()
                .preparedQuery(LOCK_HASH)
                .execute(Tuple.of(year))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.empty());
    }

    /** Inserts the year if it has no row yet; true if it did (start-up seeding, safe on every replica at once). */
    public Uni<Boolean> insertIfAbsent(Tx tx, CalendarYear y, String source, String sha256, String actor) {
        return tx.client()
                .preparedQuery(INSERT_IF_ABSENT)
                .execute(yearRow(y, source, sha256, actor))
                .flatMap(r -> r.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : insertDays(tx, y).replaceWith(true));
    }

    /** Replaces the year and all its days. */
    public Uni<Void> replace(Tx tx, CalendarYear y, String source, String sha256, String actor) {
        return tx.client()
                .preparedQuery(REPLACE)
                .execute(yearRow(y, source, sha256, actor))
                .flatMap(r -> tx.client().preparedQuery(DELETE_DAYS).execute(Tuple.of(y.year())))
                .flatMap(r -> insertDays(tx, y));
    }

    private Tuple yearRow(CalendarYear y, String source, String sha256, String actor) {
        return Tuple.from(new Object[] {
            y.year(),
            y.notice().map(CalendarYear.Notice::title).orElse(null),
            y.notice().map(CalendarYear.Notice::publishedOn).orElse(null),
            source,
            sha256,
            actor,
            wallClock.now()
        });
    }

    private static Uni<Void> insertDays(Tx tx, CalendarYear y) {
        List<Tuple> days = y.days().values().stream()
                .map(d -> Tuple.of(d.date(), y.year(), d.kind().name(), d.note()))
                .toList();
        if (days.isEmpty()) return Uni.createFrom().voidItem();
        return tx.client().preparedQuery(INSERT_DAY).executeBatch(days).replaceWithVoid();
    }
}
