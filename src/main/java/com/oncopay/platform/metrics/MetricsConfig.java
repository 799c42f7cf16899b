package com.oncopay.platform.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "oncopay.metrics")
public interface MetricsConfig {
    /** How often the gauges of rows in PostgreSQL (review queue, outbox) are read again; never per scrape. */
    @WithDefault("15s")
    Duration refresh();
}
