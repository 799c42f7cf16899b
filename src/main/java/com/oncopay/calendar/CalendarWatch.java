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
                .description("Days from today to the last day covered by an officially loaded holiday notice (0 when this year has none)")
                .register(meters);
    }

    /** Days from today to the last official day; 0 when today's own year has no notice. */
    public long daysLeft() {
        LocalDate today = LocalDate.now(clock);
        return officialUntil(today).map(d -> ChronoUnit.DAYS.between(today, d)).orElse(0L);
    }

    private Optional<LocalDate> officialUntil(LocalDate today) {
        return registry.current().officialUntil(today);
    }

    @Override
    public HealthCheckResponse call() {
        LocalDate today = LocalDate.now(clock);
        long left = daysLeft();
        return HealthCheckResponse.named(NAME).status(left >= config.warnDays())
                .withData("officialUntil", officialUntil(today).map(LocalDate::toString).orElse("none"))
                .withData("daysLeft", left)
                .withData("warnBelowDays", config.warnDays())
                .withData("nextYear", today.getYear() + 1)
                .withData("nextYearStatus", registry.current().isOfficial(today.getYear() + 1) ? "OFFICIAL" : "PROVISIONAL")
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
        long left = daysLeft();
        if (left >= config.warnDays()) return;
        LocalDate today = LocalDate.now(clock);
        LOG.warnf("Business-day calendar: the official holiday notices end %s (%d days left, warning below %d). Due dates and delivery "
                        + "promises after that are computed on provisional days (weekends and statutory holidays only) and marked "
                        + "calendarProvisional. Load the next notice with PUT /api/v1/calendar/%d (README, 'Business-day calendar').",
                officialUntil(today).map(LocalDate::toString).orElse("before today"), left, config.warnDays(),
                officialUntil(today).map(d -> d.getYear() + 1).orElse(today.getYear()));
    }
}
