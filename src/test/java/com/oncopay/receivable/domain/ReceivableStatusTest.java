package com.oncopay.receivable.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceivableStatusTest {
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "OPEN,        OPEN,        false",
        "OPEN,        PARTLY_PAID, true",
        "OPEN,        PAID,        true",
        "OPEN,        WRITTEN_OFF, true",
        "PARTLY_PAID, OPEN,        false",
        "PARTLY_PAID, PARTLY_PAID, true",
        "PARTLY_PAID, PAID,        true",
        "PARTLY_PAID, WRITTEN_OFF, true",
        "PAID,        OPEN,        false",
        "PAID,        PARTLY_PAID, false",
        "PAID,        PAID,        false",
        "PAID,        WRITTEN_OFF, false",
        "WRITTEN_OFF, OPEN,        false",
        "WRITTEN_OFF, PARTLY_PAID, false",
        "WRITTEN_OFF, PAID,        false",
        "WRITTEN_OFF, WRITTEN_OFF, false",
        "OPEN,        CANCELLED,   true",
        "PARTLY_PAID, CANCELLED,   false",
        "PAID,        CANCELLED,   false",
        "CANCELLED,   OPEN,        false",
        "CANCELLED,   PAID,        false"
    })
    void transitions(ReceivableStatus from, ReceivableStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
    }

    @ParameterizedTest(name = "{0}: collectable {1}")
    @CsvSource({"OPEN, true", "PARTLY_PAID, true", "PAID, false", "WRITTEN_OFF, false", "CANCELLED, false"})
    void collectable(ReceivableStatus s, boolean collectable) {
        assertEquals(collectable, s.collectable());
    }

    @ParameterizedTest(name = "{1} of {0} paid → {2}")
    @CsvSource({"100, 0,   OPEN", "100, 1,   PARTLY_PAID", "100, 99,  PARTLY_PAID", "100, 100, PAID", "1,   1,   PAID"})
    void after_paying(long amount, long paid, ReceivableStatus expected) {
        assertEquals(expected, ReceivableStatus.afterPaying(amount, paid));
    }
}
