package com.oncopay.calendar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * Tells operators before the official calendar runs out: the gauge
 * {@code oncopay_calendar_official_until_days}, a wellness check (not readiness: the engine
 * keeps answering on provisional days) that is DOWN under {@code oncopay.calendar.warn-days},
 * and a WARN line at start-up and every morning while that is so.
 */
@Wellness
@ApplicationScoped
public class CalendarWatch implements HealthCheck {
    public static final String NAME = "Business-day calendar";
    private static final Logger LOG = Logger.getLogger(CalendarWatch.class);

    private final CalendarRegistry registry;
    private final CalendarConfig config;
    private final Clock clock;

    public CalendarWatch(CalendarRegistry registry, CalendarConfig config, Clock clock, MeterRegistry meters) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        Gauge.builder("oncopay.calendar.official.until.days", this, CalendarWatch::daysLeft)
                .description(
                        "Days from today to the last day covered by an officially loaded holiday notice (0 when this year has none)")
                .register(meters);
    }

    /** Today, the last official day if this year has a notice, and the days between (0 when it has none): one reading of the clock. */
    private record Runway(LocalDate today, Optional<LocalDate> officialUntil, long daysLeft) {}

    private Runway runway() {
        LocalDate today = LocalDate.now(clock);
        Optional<LocalDate> until = registry.current().officialUntil(today);
        return new Runway(
                today, until, until.map(d -> ChronoUnit.DAYS.between(today, d)).orElse(0L));
    }

    /** Days from today to the last official day; 0 when today's own year has no notice. */
    public long daysLeft() {
        return runway().daysLeft();
    }

    @Override
    public HealthCheckResponse call() {
        Runway r = runway();
        return HealthCheckResponse.named(NAME)
                .status(r.daysLeft() >= config.warnDays())
                .withData(
                        "officialUntil",
                        r.officialUntil().map(LocalDate::toString).orElse("none"))
                .withData("daysLeft", r.daysLeft())
                .withData("warnBelowDays", config.warnDays())
                .withData("nextYear", r.today().getYear() + 1)
                .withData(
                        "nextYearStatus",
                        registry.current().isOfficial(r.today().getYear() + 1) ? "OFFICIAL" : "PROVISIONAL")
                .build();
    }

    /** After the calendar is read at start-up. */
    void onStart(@Observes @Priority(CalendarRegistry.STARTUP_PRIORITY + 1) StartupEvent event) {
        warnIfRunningOut();
    }

    @Scheduled(cron = "0 0 9 * * ?", timeZone = "Asia/Shanghai")
    void daily() {
        warnIfRunningOut();
    }

    void warnIfRunningOut() {
        Runway r = runway();
        if (r.daysLeft() >= config.warnDays()) return;
        LOG.warnf(
                "Business-day calendar: the official holiday notices end %s (%d days left, warning below %d). Due dates and delivery "
                        + "promises after that are computed on provisional days (weekends and statutory holidays only) and marked "
                        + "calendarProvisional. Load the next notice with PUT /api/v1/calendar/%d (README, 'Business-day calendar').",
                r.officialUntil().map(LocalDate::toString).orElse("before today"),
                r.daysLeft(),
                config.warnDays(),
                r.officialUntil().map(d -> d.getYear() + 1).orElse(r.today().getYear()));
    }
}
