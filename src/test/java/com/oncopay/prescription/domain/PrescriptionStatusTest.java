package com.oncopay.prescription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrescriptionStatusTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PENDING_REVIEW | APPROVED INFO_REQUESTED REJECTED",
                "INFO_REQUESTED | APPROVED INFO_REQUESTED REJECTED", // a reviewer may ask again
                "APPROVED       | CANCELLED DISPENSED",
                "DISPENSED      | APPROVED", // a reversal within the window
                "REJECTED       | ''",
                "CANCELLED      | ''"
            })
    void the_moves_from_each_state(PrescriptionStatus from, String to) {
        String allowed = Arrays.stream(PrescriptionStatus.values())
                .filter(from::canMoveTo)
                .map(Enum::name)
                .sorted()
                .collect(Collectors.joining(" "));
        assertEquals(to, allowed);
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING_REVIEW, true",
        "INFO_REQUESTED, true",
        "APPROVED, false",
        "REJECTED, false",
        "DISPENSED, false",
        "CANCELLED, false"
    })
    void the_review_queue_holds_the_two_waiting_states(PrescriptionStatus s, boolean inQueue) {
        assertEquals(inQueue, s.inQueue());
    }

    @ParameterizedTest
    @CsvSource({"APPROVE, APPROVED", "REJECT, REJECTED", "REQUEST_INFO, INFO_REQUESTED"})
    void a_review_decision_names_the_next_state(PrescriptionStatus.ReviewDecision d, PrescriptionStatus next) {
        assertEquals(next, PrescriptionStatus.afterReview(d));
    }
}
