package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PickupCodeStateTest {
    static final Instant NOW = Instant.parse("2026-06-01T04:00:00Z");

    @ParameterizedTest(name = "{0}, pickup {1}, expires in {2}s → {3}")
    @CsvSource({
        "RESERVED,  true,  1,   USABLE",
        "RESERVED,  true,  0,   EXPIRED",
        "RESERVED,  true,  -1,  EXPIRED",
        "RESERVED,  false, 60,  VOID",
        "REDEEMED,  true,  60,  USED",
        "REDEEMED,  true,  -60, USED",
        "REVERSED,  true,  60,  USED",
        "DELIVERED, false, 60,  USED",
        "CANCELLED, true,  60,  VOID",
        "CANCELLED, true,  -60, VOID",
        "REQUESTED, false, 60,  VOID",
        "SHIPPED,   false, 60,  VOID",
        "FAILED,    false, 60,  VOID"
    })
    void state(FulfilmentStatus status, boolean pickup, long expiresIn, PickupCodeState expected) {
        PickupCodeState s = PickupCodeState.of(status, pickup, NOW.plusSeconds(expiresIn), NOW);
        assertEquals(expected, s);
        assertEquals(expected == PickupCodeState.USABLE, s.redeemable());
    }
}
