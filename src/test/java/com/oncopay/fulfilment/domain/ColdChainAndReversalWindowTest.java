package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColdChainAndReversalWindowTest {
    @ParameterizedTest(name = "delivery {0}, cold-chain drug {1}, cold-chain store {2} → {3}")
    @CsvSource({
        "false, false, false, true",
        "false, true,  false, true",
        "true,  false, false, true",
        "true,  true,  true,  true",
        "true,  true,  false, false",
        "false, true,  true,  true"
    })
    void cold_chain(boolean delivery, boolean drug, boolean store, boolean allowed) {
        assertEquals(allowed, ColdChain.allows(delivery, drug, store));
    }

    static final Instant AT = Instant.parse("2026-06-01T04:00:00Z");

    @ParameterizedTest(name = "{0}s after dispense → closed {1}")
    @CsvSource({"0, false", "604799, false", "604800, false", "604801, true", "1000000, true"})
    void reversal_window_of_seven_days_includes_its_last_instant(long seconds, boolean closed) {
        assertEquals(closed, ReversalWindow.closed(AT, Duration.ofDays(7), AT.plusSeconds(seconds)));
    }
}
