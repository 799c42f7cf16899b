package com.oncopay.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

@ConfigMapping(prefix = "oncopay.calendar")
public interface CalendarConfig {
    /** Years packaged as {@code calendar/CN-<year>.tsv}: loaded into the database at start-up when the year has no row yet. */
    @WithDefault("2025,2026")
    List<Integer> packagedYears();

    /** Fewer days than this until the last official date turns the wellness check DOWN and logs a daily WARN. */
    @WithDefault("60")
    int warnDays();
}
