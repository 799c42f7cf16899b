package com.oncopay.fulfilment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
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
        "CANCELLED, false, false, false",
        "AWAITING_TRANSFER, false, true, false",
        "IN_TRANSFER, false, false, false",
        "HOSPITAL_RECEIVED, false, false, true"
    })
    void what_each_state_allows(FulfilmentStatus s, boolean underWay, boolean cancellable, boolean handedOver) {
        assertEquals(underWay, s.deliveryUnderWay());
        assertEquals(
                s == FulfilmentStatus.AWAITING_TRANSFER || s == FulfilmentStatus.IN_TRANSFER, s.transferUnderWay());
        assertEquals(cancellable, s.cancellable());
        assertEquals(handedOver, s.handedOver());
    }

    @ParameterizedTest
    @CsvSource({"true, RESERVED", "false, REQUESTED"})
    void a_pickup_starts_reserved_a_delivery_requested(boolean pickup, FulfilmentStatus first) {
        assertEquals(first, FulfilmentStatus.initial(pickup));
    }

    /** Each state with every state it may move to; every other pair is refused. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "RESERVED,          REDEEMED CANCELLED",
        "REQUESTED,         ACCEPTED PACKED SHIPPED DELIVERED FAILED CANCELLED",
        "ACCEPTED,          PACKED SHIPPED DELIVERED FAILED CANCELLED",
        "PACKED,            SHIPPED DELIVERED FAILED",
        "SHIPPED,           DELIVERED FAILED",
        "DELIVERED,         REVERSED",
        "FAILED,            ''",
        "REDEEMED,          REVERSED",
        "REVERSED,          ''",
        "CANCELLED,         ''",
        "AWAITING_TRANSFER, IN_TRANSFER FAILED CANCELLED",
        "IN_TRANSFER,       HOSPITAL_RECEIVED FAILED",
        "HOSPITAL_RECEIVED, REVERSED"
    })
    void the_whole_machine(FulfilmentStatus from, String allowed) {
        Set<String> to = allowed.isBlank() ? Set.of() : Set.of(allowed.trim().split(" +"));
        for (FulfilmentStatus next : FulfilmentStatus.values())
            assertEquals(to.contains(next.name()), from.canMoveTo(next), from + " → " + next);
    }

    @Test
    void a_hospital_transfer_starts_awaiting_it() {
        assertEquals(FulfilmentStatus.AWAITING_TRANSFER, FulfilmentStatus.initialTransfer());
    }
}
