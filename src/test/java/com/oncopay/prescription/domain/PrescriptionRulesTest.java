package com.oncopay.prescription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.oncopay.prescription.domain.PrescriptionRules.Applicant;
import com.oncopay.prescription.domain.PrescriptionRules.IndicationOutcome;
import com.oncopay.prescription.domain.PrescriptionRules.Prior;
import com.oncopay.prescription.domain.PrescriptionRules.PriorState;
import com.oncopay.prescription.domain.PrescriptionRules.Relation;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrescriptionRulesTest {
    static final LocalDate TODAY = LocalDate.parse("2026-06-10");
    static final LocalDate ADULT = LocalDate.parse("1970-01-01");

    static PrescriptionRules.Input input(
            LocalDate prescribedOn,
            int validDays,
            int daysSupply,
            IndicationOutcome indication,
            Applicant applicant,
            LocalDate born,
            List<Prior> priors,
            List<String> eligibility) {
        return new PrescriptionRules.Input(
                TODAY,
                prescribedOn,
                validDays,
                daysSupply,
                30,
                "osimertinib",
                eligibility,
                indication,
                applicant,
                born,
                priors);
    }

    static PrescriptionRules.Decision clean(List<Prior> priors, LocalDate prescribedOn) {
        return PrescriptionRules.decide(
                input(prescribedOn, 1, 30, IndicationOutcome.MET, Applicant.SELF, ADULT, priors, List.of()));
    }

    @Test
    void a_clean_case_is_approved_straight_through() {
        assertEquals(
                new PrescriptionRules.Decision(PrescriptionRules.Status.APPROVED, List.of()), clean(List.of(), TODAY));
    }

    @ParameterizedTest(name = "issued {0} days ago, valid {1} days → expired {2}")
    @CsvSource({"0, 1, false", "1, 1, true", "2, 3, false", "3, 3, true", "4, 3, true", "3, 2, true", "1, 2, false"})
    void prescription_validity(int daysAgo, int validDays, boolean expired) {
        assertEquals(expired, PrescriptionRules.expired(TODAY.minusDays(daysAgo), validDays, TODAY));
    }

    @ParameterizedTest(name = "previous fill of 100 days, {0} days elapsed → too soon {1}")
    @CsvSource({"74, true", "75, false", "0, true", "100, false"})
    void refill_at_74_vs_75_percent(int elapsed, boolean tooSoon) {
        List<Prior> priors = List.of(new Prior("osimertinib", PriorState.DISPENSED, TODAY.minusDays(elapsed), 100));
        assertEquals(tooSoon, PrescriptionRules.refillTooSoon(priors, "osimertinib", TODAY));
        assertEquals(
                tooSoon ? List.of(PrescriptionRules.REFILL_TOO_SOON) : List.of(),
                clean(priors, TODAY).reasons());
    }

    @Test
    void another_molecule_is_not_a_refill_or_a_duplicate() {
        List<Prior> priors = List.of(
                new Prior("gefitinib", PriorState.DISPENSED, TODAY, 30),
                new Prior("gefitinib", PriorState.OPEN, null, 30));
        assertEquals(List.of(), clean(priors, TODAY).reasons());
    }

    @Test
    void an_open_fill_of_the_same_molecule_is_duplicate_therapy() {
        assertEquals(
                List.of(PrescriptionRules.DUPLICATE_THERAPY),
                clean(List.of(new Prior("osimertinib", PriorState.OPEN, null, 30)), TODAY)
                        .reasons());
        assertEquals(
                List.of(),
                clean(List.of(new Prior("osimertinib", PriorState.CLOSED, null, 30)), TODAY)
                        .reasons());
    }

    @ParameterizedTest(name = "{0} identity={1} poa={2} ids={3} guardianship={4} incapacity={5} born {6} → {7}")
    @CsvSource({
        "SELF, true, false, false, false, false, 1970-01-01, true",
        "SELF, false, false, false, false, false, 1970-01-01, false",
        "PROXY, false, true, true, false, false, 1970-01-01, true",
        "PROXY, false, true, false, false, false, 1970-01-01, false",
        "PROXY, false, false, true, false, false, 1970-01-01, false",
        "GUARDIAN, false, false, false, true, false, 2008-06-11, true",
        "GUARDIAN, false, false, false, true, false, 2008-06-10, false",
        "GUARDIAN, false, false, false, true, true, 1970-01-01, true",
        "GUARDIAN, false, false, false, false, false, 2015-01-01, false"
    })
    void applicant_authority(
            Relation relation,
            boolean identity,
            boolean poa,
            boolean ids,
            boolean guardianship,
            boolean incapacity,
            String born,
            boolean authorised) {
        assertEquals(
                authorised,
                PrescriptionRules.authorised(
                        new Applicant(relation, identity, poa, ids, guardianship, incapacity),
                        LocalDate.parse(born),
                        TODAY));
    }

    @Test
    void every_failing_reason_is_reported_together_and_missing_facts_go_to_review() {
        PrescriptionRules.Decision d = PrescriptionRules.decide(input(
                TODAY.minusDays(4),
                3,
                60,
                IndicationOutcome.NOT_MET,
                new Applicant(Relation.SELF, false, false, false, false, false),
                ADULT,
                List.of(new Prior("osimertinib", PriorState.OPEN, null, 30)),
                List.of("WAITING_PERIOD")));
        assertEquals(PrescriptionRules.Status.REJECTED, d.status());
        assertEquals(
                List.of(
                        "WAITING_PERIOD",
                        PrescriptionRules.PRESCRIPTION_EXPIRED,
                        PrescriptionRules.INDICATION_NOT_MET,
                        PrescriptionRules.QUANTITY_LIMIT,
                        PrescriptionRules.DUPLICATE_THERAPY,
                        PrescriptionRules.APPLICANT_NOT_AUTHORISED),
                d.reasons());
        PrescriptionRules.Decision review = PrescriptionRules.decide(
                input(TODAY, 1, 30, IndicationOutcome.NEEDS_REVIEW, Applicant.SELF, ADULT, List.of(), List.of()));
        assertEquals(PrescriptionRules.Status.PENDING_REVIEW, review.status());
    }
}
