package com.oncopay.platform.time;

import io.smallrye.config.ConfigMapping;
import java.time.OffsetDateTime;
import java.util.Optional;

@ConfigMapping(prefix = "oncopay.clock")
public interface ClockConfig {
    /** Pins the business clock to an instant (tests); absent in production. */
    Optional<OffsetDateTime> fixed();
}
