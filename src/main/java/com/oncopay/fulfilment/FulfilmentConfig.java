package com.oncopay.fulfilment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "oncopay.fulfilment")
public interface FulfilmentConfig {
    /** How long a pickup code can be redeemed. */
    @WithDefault("7D")
    Duration codeValidity();

    /** Failed attempts on one code before it locks. */
    @WithDefault("10")
    int lockAfterFailures();

    @WithDefault("1H")
    Duration lockDuration();

    /** How long after a dispense the same pharmacy may reverse it. */
    @WithDefault("7D")
    Duration reversalWindow();
}
