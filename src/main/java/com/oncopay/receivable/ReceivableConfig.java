package com.oncopay.receivable;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "oncopay.receivable")
public interface ReceivableConfig {
    /** Days after the business day a receivable opens by which the member should have repaid it. */
    @WithDefault("30")
    int dueDays();
}
