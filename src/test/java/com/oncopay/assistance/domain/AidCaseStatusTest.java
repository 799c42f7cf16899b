package com.oncopay.assistance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AidCaseStatusTest {
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "DRAFT, PREPARING, true",
        "DRAFT, WITHDRAWN, true",
        "DRAFT, SUBMITTED, false",
        "DRAFT, DRAFT, false",
        "PREPARING, PREPARING, true",
        "PREPARING, SUBMITTED, true",
        "PREPARING, WITHDRAWN, true",
        "PREPARING, APPROVED, false",
        "SUBMITTED, APPROVED, true",
        "SUBMITTED, REJECTED, true",
        "SUBMITTED, WITHDRAWN, true",
        "SUBMITTED, SUBMITTED, false",
        "SUBMITTED, PREPARING, false",
        "APPROVED, IN_PROGRESS, true",
        "APPROVED, COMPLETED, true",
        "APPROVED, FORFEITED, true",
        "APPROVED, WITHDRAWN, true",
        "APPROVED, REJECTED, false",
        "IN_PROGRESS, IN_PROGRESS, true",
        "IN_PROGRESS, COMPLETED, true",
        "IN_PROGRESS, FORFEITED, true",
        "IN_PROGRESS, WITHDRAWN, false",
        "COMPLETED, IN_PROGRESS, false",
        "COMPLETED, WITHDRAWN, false",
        "REJECTED, APPROVED, false",
        "REJECTED, WITHDRAWN, false",
        "FORFEITED, COMPLETED, false",
        "WITHDRAWN, DRAFT, false",
        "WITHDRAWN, WITHDRAWN, false"
    })
    void moves(AidCaseStatus from, AidCaseStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
    }

    @ParameterizedTest(name = "{0} granted: {1}")
    @CsvSource({
        "DRAFT, false",
        "SUBMITTED, false",
        "APPROVED, true",
        "IN_PROGRESS, true",
        "COMPLETED, true",
        "REJECTED, false",
        "FORFEITED, false",
        "WITHDRAWN, false"
    })
    void granted(AidCaseStatus status, boolean granted) {
        assertEquals(granted, status.granted());
    }
}
