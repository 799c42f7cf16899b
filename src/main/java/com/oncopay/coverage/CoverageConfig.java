package com.oncopay.coverage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed configuration of the coverage feature (prefix {@code oncopay.coverage}). */
@ConfigMapping(prefix = "oncopay.coverage")
public interface CoverageConfig {
    /** How long an eligibility snapshot may stay in Redis (it is also deleted on every change it depends on). */
    @WithDefault("5M")
    Duration eligibilityCacheTtl();

    /** Load the DEMO- data set at start-up (dev and test profiles only). */
    @WithDefault("false")
    boolean demoData();
}
