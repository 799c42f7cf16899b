package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FulfilmentStatusTest {
    @ParameterizedTest(name = "{0}: under way {1}, cancellable {2}, handed over {3}")
    @CsvSource({
        "RESERVED,  false, true,  false",
        "REQUESTED, true,  true,  false",
        "ACCEPTED,  true,  true,  false",
        "PACKED,    true,  false, false",
        "SHIPPED,   true,  false, false",
        "DELIVERED, false, false, true",
        "FAILED,    false, false, false",
        "REDEEMED,  false, false, true",
        "REVERSED,  false, false, true",
        "CANCELLED, false, false, false"
    })
    void what_each_state_allows(FulfilmentStatus s, boolean underWay, boolean cancellable, boolean handedOver) {
        assertEquals(underWay, s.deliveryUnderWay());
        assertEquals(cancellable, s.cancellable());
        assertEquals(handedOver, s.handedOver());
    }

    @ParameterizedTest
    @CsvSource({"true, RESERVED", "false, REQUESTED"})
    void a_pickup_starts_reserved_a_delivery_requested(boolean pickup, FulfilmentStatus first) {
        assertEquals(first, FulfilmentStatus.initial(pickup));
    }
}
