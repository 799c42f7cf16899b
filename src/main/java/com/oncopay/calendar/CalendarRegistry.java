package com.oncopay.calendar;

import com.oncopay.calendar.domain.BusinessCalendar;
import com.oncopay.calendar.domain.CalendarFile;
import com.oncopay.calendar.domain.CalendarYear;
import com.oncopay.calendar.domain.LunarDates;
import com.oncopay.calendar.domain.StatutoryHolidays;
import com.oncopay.platform.audit.AuditEntry;
import com.oncopay.platform.audit.AuditLog;
import com.oncopay.platform.db.Transactions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The business-day calendar every computation uses: the official years stored in PostgreSQL,
 * and provisional ones for every other year. Each replica holds the whole calendar in memory
 * (a few hundred days) and re-reads it when a year is loaded here, when another replica nudges
 * it over Redis pub/sub, and every minute in case a nudge was missed (Redis is not needed for
 * correctness, only for speed).
 */
@ApplicationScoped
public class CalendarRegistry {
    public static final String CHANNEL = "oncopay:calendar-loaded";
    public static final String SYSTEM = "system";
    /** Before the catalog and the demo data: nothing may compute a date on an empty calendar. */
    public static final int STARTUP_PRIORITY =
            jakarta.interceptor.Interceptor.Priority.APPLICATION - 1; // the catalog loads at APPLICATION

    private static final Logger LOG = Logger.getLogger(CalendarRegistry.class);

    private final CalendarRepository repository;
    private final Transactions transactions;
    private final ReactiveRedisDataSource redis;
    private final LunarDates lunar;
    private final CalendarConfig config;
    private final AuditLog audit;
    private volatile BusinessCalendar current;
    private volatile Cancellable subscription;

    public CalendarRegistry(
            CalendarRepository repository,
            Transactions transactions,
            ReactiveRedisDataSource redis,
            LunarDates lunar,
            CalendarConfig config,
            AuditLog audit) {
        this.audit = audit;
        this.repository = repository;
        this.transactions = transactions;
        this.redis = redis;
        this.lunar = lunar;
        this.config = config;
        this.current = build(Map.of());
    }

    void onStart(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        int seeded =
                seedPackagedYears().await().atMost(Duration.ofMinutes(1)); // start-up, main thread: waiting is intended
        BusinessCalendar c = refresh().await().atMost(Duration.ofMinutes(1));
        LOG.infof(
                "Business-day calendar: official years %s (%d seeded from the packaged notices); other years provisional",
                c.officialYears(), seeded);
        subscription = Multi.createFrom()
                .deferred(() -> redis.pubsub(String.class).subscribe(CHANNEL))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .onItem()
                .transformToUniAndConcatenate(year -> refresh().onFailure().recoverWithNull())
                .subscribe()
                .with(
                        x -> {},
                        e -> LOG.warnf("calendar nudges stopped: %s (the minute re-read goes on)", e.toString()));
    }

    @PreDestroy
    void stop() {
        Cancellable s = subscription;
        if (s != null) s.cancel();
    }

    public BusinessCalendar current() {
        return current;
    }

    /** Builds the calendar from the given official years, provisional elsewhere. */
    public BusinessCalendar build(Map<Integer, CalendarYear> official) {
        return new BusinessCalendar(official, y -> StatutoryHolidays.provisional(y, lunar));
    }

    /** Re-reads the official years; on a database failure the calendar in hand stays. */
    public Uni<BusinessCalendar> refresh() {
        return repository.all(transactions.autoCommit()).map(years -> {
            Map<Integer, CalendarYear> official = new HashMap<>();
            years.forEach(s -> official.put(s.year().year(), s.year()));
            // a new calendar only when a year changed: it keeps the provisional years it has built
            if (!official.equals(current.official())) current = build(official);
            return current;
        });
    }

    @Scheduled(
            every = "${oncopay.calendar.refresh-every:60s}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicRefresh() {
        return refresh()
                .onFailure()
                .invoke(e -> LOG.warnf("calendar re-read failed, keeping the one in hand: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Tells the other replicas to re-read; a Redis failure only delays them until their next minute re-read. */
    public Uni<Void> nudgeReplicas(int year) {
        return redis.pubsub(String.class)
                .publish(CHANNEL, String.valueOf(year))
                .ifNoItem()
                .after(Duration.ofSeconds(2))
                .fail()
                .onFailure()
                .invoke(e -> LOG.warnf("calendar nudge for %d not sent: %s", year, e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Integer> seedPackagedYears() {
        List<Integer> years = config.packagedYears();
        return transactions.inTransaction(tx -> Multi.createFrom()
                .iterable(years)
                .onItem()
                .transformToUniAndConcatenate(year -> {
                    String text = packaged(year);
                    CalendarYear y = CalendarFile.parse(year, text);
                    return repository
                            .insertIfAbsent(tx, y, text, sha256(text), SYSTEM)
                            .call(inserted -> inserted
                                    ? audit.record(
                                            tx,
                                            AuditEntry.system(
                                                    "CALENDAR_YEAR_SEEDED",
                                                    "calendar_year",
                                                    String.valueOf(year),
                                                    Map.of(
                                                            "source",
                                                            "calendar/CN-" + year + ".tsv",
                                                            "sha256",
                                                            sha256(text),
                                                            "holidays",
                                                            y.holidays().size(),
                                                            "workdays",
                                                            y.workdays().size())))
                                    : Uni.createFrom().voidItem());
                })
                .collect()
                .asList()
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
    }

    static String packaged(int year) {
        String name = "calendar/CN-" + year + ".tsv";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null)
                throw new IllegalStateException(
                        name + " is configured in oncopay.calendar.packaged-years but not packaged");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
