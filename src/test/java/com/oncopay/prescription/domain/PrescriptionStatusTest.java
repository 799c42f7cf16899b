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
                "INFO_REQUESTED | APPROVED INFO_REQUESTED PENDING_REVIEW REJECTED", // asked again; answered (#20)
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

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @CsvSource({
        "PENDING_REVIEW, APPROVE,      APPROVED",
        "PENDING_REVIEW, REJECT,       REJECTED",
        "PENDING_REVIEW, REQUEST_INFO, INFO_REQUESTED",
        "INFO_REQUESTED, APPROVE,      APPROVED",
        "INFO_REQUESTED, REJECT,       REJECTED",
        "INFO_REQUESTED, REQUEST_INFO, INFO_REQUESTED",
        "APPROVED,       APPROVE,      ''",
        "APPROVED,       REJECT,       ''",
        "APPROVED,       REQUEST_INFO, ''",
        "REJECTED,       APPROVE,      ''",
        "REJECTED,       REQUEST_INFO, ''",
        "DISPENSED,      APPROVE,      ''", // DISPENSED may move to APPROVED, but only by a reversal, never a review
        "DISPENSED,      REJECT,       ''",
        "CANCELLED,      APPROVE,      ''",
        "CANCELLED,      REJECT,       ''"
    })
    void a_review_moves_only_a_queued_prescription(
            PrescriptionStatus from, PrescriptionStatus.ReviewDecision d, String to) {
        assertEquals(to, from.reviewedAs(d).map(Enum::name).orElse(""));
    }

    @ParameterizedTest
    @CsvSource({"APPROVED, true", "REJECTED, true", "INFO_REQUESTED, false", "PENDING_REVIEW, false"})
    void only_a_review_leaving_the_queue_decides(PrescriptionStatus next, boolean decided) {
        assertEquals(decided, next.decidedByReview());
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING_REVIEW, true",
        "INFO_REQUESTED, true",
        "APPROVED, true",
        "DISPENSED, true",
        "REJECTED, false",
        "CANCELLED, false"
    })
    void due_dates_run_while_a_prescription_is_open(PrescriptionStatus s, boolean running) {
        assertEquals(running, s.dueDatesRunning());
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING_REVIEW, OPEN",
        "INFO_REQUESTED, OPEN",
        "APPROVED, OPEN",
        "DISPENSED, DISPENSED",
        "REJECTED, CLOSED",
        "CANCELLED, CLOSED"
    })
    void an_earlier_prescription_as_the_refill_rules_see_it(PrescriptionStatus s, PrescriptionRules.PriorState prior) {
        assertEquals(prior, s.asPrior());
    }

    @org.junit.jupiter.api.Test
    void the_queue_and_the_running_due_dates_as_sets() {
        assertEquals(
                java.util.EnumSet.of(PrescriptionStatus.PENDING_REVIEW, PrescriptionStatus.INFO_REQUESTED),
                PrescriptionStatus.where(PrescriptionStatus::inQueue));
        assertEquals(
                java.util.EnumSet.of(
                        PrescriptionStatus.PENDING_REVIEW,
                        PrescriptionStatus.INFO_REQUESTED,
                        PrescriptionStatus.APPROVED,
                        PrescriptionStatus.DISPENSED),
                PrescriptionStatus.where(PrescriptionStatus::dueDatesRunning));
    }
}
