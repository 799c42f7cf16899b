package com.oncopay.claim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.claim.domain.LiabilityDecision.Outcome;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimStatusTest {
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "UNDER_INVESTIGATION, LIABILITY_CONFIRMED, true",
        "UNDER_INVESTIGATION, LIABILITY_DENIED, true",
        "UNDER_INVESTIGATION, WITHDRAWN, true",
        "UNDER_INVESTIGATION, UNDER_INVESTIGATION, false",
        "LIABILITY_CONFIRMED, LIABILITY_CONFIRMED, false",
        "LIABILITY_CONFIRMED, LIABILITY_DENIED, false",
        "LIABILITY_CONFIRMED, WITHDRAWN, false",
        "LIABILITY_DENIED, LIABILITY_CONFIRMED, false",
        "LIABILITY_DENIED, LIABILITY_DENIED, false",
        "LIABILITY_DENIED, WITHDRAWN, false",
        "WITHDRAWN, LIABILITY_CONFIRMED, false",
        "WITHDRAWN, LIABILITY_DENIED, false",
        "WITHDRAWN, UNDER_INVESTIGATION, false"
    })
    void transitions(ClaimStatus from, ClaimStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
    }

    /** Due 2026-12-14 (a Monday): the due day itself is not overdue, the next day is; decided claims never are. */
    @ParameterizedTest(name = "{0} due {1} on {2}: {3}")
    @CsvSource({
        "UNDER_INVESTIGATION, 2026-12-14, 2026-12-13, false",
        "UNDER_INVESTIGATION, 2026-12-14, 2026-12-14, false",
        "UNDER_INVESTIGATION, 2026-12-14, 2026-12-15, true",
        "UNDER_INVESTIGATION, 2026-12-11, 2026-12-12, true",
        "UNDER_INVESTIGATION, 2026-12-11, 2026-12-14, true",
        "LIABILITY_CONFIRMED, 2026-12-14, 2026-12-15, false",
        "LIABILITY_DENIED, 2026-12-14, 2027-01-15, false",
        "WITHDRAWN, 2026-12-14, 2027-01-15, false",
        "UNDER_INVESTIGATION, , 2027-01-15, false"
    })
    void overdue(ClaimStatus status, LocalDate due, LocalDate today, boolean overdue) {
        assertEquals(overdue, LiabilityDecision.overdue(status, due, today));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource({
        "CONFIRMED, , , ",
        "CONFIRMED, , 资料齐全, ",
        "CONFIRMED, EXCLUSION, , REASON_NOT_ALLOWED",
        "DENIED, , , REASON_REQUIRED",
        "DENIED, '  ', , REASON_REQUIRED",
        "DENIED, NO_SUCH_REASON, , UNKNOWN_REASON",
        "DENIED, WAITING_PERIOD, , ",
        "DENIED, PRE_EXISTING_CONDITION, 既往症, ",
        "DENIED, OTHER, , NOTE_REQUIRED",
        "DENIED, OTHER, 其他原因, "
    })
    void decision_requests(Outcome outcome, String reason, String note, String problem) {
        assertEquals(problem, LiabilityDecision.problem(outcome, reason, note));
    }
}
