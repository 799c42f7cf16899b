package com.oncopay.assistance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AidCaseProgressTest {
    @Test
    void cycles_open_a_programme_cycle_apart_and_stay_collectable_for_the_window() {
        assertEquals(
                List.of(
                        new AidCaseProgress.CycleDates(1, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 7)),
                        new AidCaseProgress.CycleDates(2, LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 28))),
                AidCaseProgress.schedule(LocalDate.of(2026, 11, 23), 2, 21, 14));
    }

    @ParameterizedTest(name = "collected {0} (today {1}) → {2}")
    @CsvSource({
        "2026-11-22, 2026-11-30, false", // before the window opens
        "2026-11-23, 2026-11-30, true", // first day of the window
        "2026-12-07, 2026-12-10, true", // last day of the window
        "2026-12-08, 2026-12-10, false", // the day after
        "2026-11-24, 2026-11-23, false", // a day still to come
        "2026-11-23, 2026-11-23, true" // today
    })
    void collectable(LocalDate collectedOn, LocalDate today, boolean ok) {
        assertEquals(
                ok,
                AidCaseProgress.collectable(collectedOn, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 7), today));
    }

    @ParameterizedTest(name = "{0} received → complete {1}")
    @CsvSource({"0, false", "2, false", "3, true"})
    void materials(long received, boolean complete) {
        assertEquals(complete, AidCaseProgress.materialsComplete(received));
    }

    @ParameterizedTest(name = "open {0}, collected {1} → {2}")
    @CsvSource(
            nullValues = "-",
            value = {"1, 0, -", "1, 1, -", "0, 0, FORFEITED", "0, 1, COMPLETED", "0, 2, COMPLETED"})
    void after_forfeiture(long open, long collected, AidCaseStatus end) {
        assertEquals(Optional.ofNullable(end), AidCaseProgress.afterForfeiture(open, collected));
    }

    @ParameterizedTest(name = "open left {0} → {1}")
    @CsvSource({"0, COMPLETED", "1, IN_PROGRESS", "5, IN_PROGRESS"})
    void after_collection(long open, AidCaseStatus status) {
        assertEquals(status, AidCaseProgress.afterCollection(open));
    }

    @ParameterizedTest(name = "{0}, received [{1}], first open cycle {2} → {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "DRAFT, '', -, 'COLLECT_MATERIALS:PERSONAL,MEDICAL,FINANCIAL'",
                "PREPARING, 'PERSONAL,FINANCIAL', -, COLLECT_MATERIALS:MEDICAL",
                "PREPARING, 'PERSONAL,MEDICAL,FINANCIAL', -, SUBMIT",
                "SUBMITTED, 'PERSONAL,MEDICAL,FINANCIAL', -, AWAIT_DECISION",
                "APPROVED, '', 1, COLLECT_CYCLE:1",
                "IN_PROGRESS, '', 2, COLLECT_CYCLE:2",
                "IN_PROGRESS, '', -, NONE",
                "REJECTED, '', -, DIRECT_PAY",
                "COMPLETED, '', -, NONE",
                "FORFEITED, '', -, NONE",
                "WITHDRAWN, '', -, NONE"
            })
    void next_action(AidCaseStatus status, String received, Integer firstOpen, String next) {
        Set<String> kinds = received.isEmpty() ? Set.of() : Set.of(received.split(","));
        assertEquals(next, AidCaseProgress.nextAction(status, kinds, firstOpen));
    }

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, -, NO_CASE",
                "DRAFT, -, OPEN",
                "SUBMITTED, -, OPEN",
                "APPROVED, -, GRANTED",
                "IN_PROGRESS, -, GRANTED",
                "COMPLETED, -, GRANTED",
                "REJECTED, INCOMPLETE_MATERIALS, REFUSED_INCOMPLETE",
                "REJECTED, NOT_ELIGIBLE, REFUSED_OTHER",
                "REJECTED, -, REFUSED_OTHER",
                "FORFEITED, -, FORFEITED",
                "WITHDRAWN, -, WITHDRAWN"
            })
    void case_state(AidCaseStatus status, String reason, AidRule.CaseState state) {
        assertEquals(state, AidCaseProgress.caseState(status, reason));
    }
}
