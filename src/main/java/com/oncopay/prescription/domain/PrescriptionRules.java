package com.oncopay.prescription.domain;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Every check a specialty-drug prescription goes through, each a named rule, all evaluated
 * so that every failing reason is reported together. Plain Java: the facts are passed in.
 */
public final class PrescriptionRules {
    public static final String PRESCRIPTION_EXPIRED = "PRESCRIPTION_EXPIRED";
    public static final String INDICATION_NOT_MET = "INDICATION_NOT_MET";
    public static final String QUANTITY_LIMIT = "QUANTITY_LIMIT";
    public static final String REFILL_TOO_SOON = "REFILL_TOO_SOON";
    public static final String DUPLICATE_THERAPY = "DUPLICATE_THERAPY";
    public static final String APPLICANT_NOT_AUTHORISED = "APPLICANT_NOT_AUTHORISED";
    /** Share of the previous fill's days supply that must have elapsed before a refill, in percent. */
    public static final int REFILL_THRESHOLD_PERCENT = 75;

    public static final int MAX_VALID_DAYS = 3;

    public enum Status {
        APPROVED,
        REJECTED,
        PENDING_REVIEW
    }

    public enum Relation {
        SELF,
        PROXY,
        GUARDIAN
    }

    /** Whether an earlier prescription of the member is still open or has been dispensed. */
    public enum PriorState {
        OPEN,
        DISPENSED,
        CLOSED
    }

    public record Prior(String moleculeKey, PriorState state, LocalDate dispensedOn, int daysSupply) {}

    /**
     * Who applies. {@code identityMatchesMember}: for SELF, the applicant's id number is the
     * member's. For PROXY a power of attorney and both identity documents are needed; a
     * GUARDIAN applies for a minor (or an incapacitated adult) with proof of guardianship.
     */
    public record Applicant(
            Relation relation,
            boolean identityMatchesMember,
            boolean powerOfAttorney,
            boolean bothIdentityDocuments,
            boolean guardianshipProof,
            boolean incapacityProof) {
        public static final Applicant SELF = new Applicant(Relation.SELF, true, false, false, false, false);
    }

    public record Input(
            LocalDate receivedOn,
            LocalDate prescribedOn,
            int validDays,
            int daysSupply,
            Integer maxDaysSupply,
            String moleculeKey,
            List<String> eligibilityReasons,
            IndicationOutcome indication,
            Applicant applicant,
            LocalDate memberBirthDate,
            List<Prior> priors) {}

    public enum IndicationOutcome {
        MET,
        NOT_MET,
        NEEDS_REVIEW
    }

    public record Decision(Status status, List<String> reasons) {}

    private PrescriptionRules() {}

    public static Decision decide(Input in) {
        List<String> reasons = new ArrayList<>(in.eligibilityReasons());
        if (expired(in.prescribedOn(), in.validDays(), in.receivedOn())) reasons.add(PRESCRIPTION_EXPIRED);
        if (in.indication() == IndicationOutcome.NOT_MET) reasons.add(INDICATION_NOT_MET);
        if (in.maxDaysSupply() != null && in.daysSupply() > in.maxDaysSupply()) reasons.add(QUANTITY_LIMIT);
        if (in.moleculeKey() != null) {
            if (refillTooSoon(in.priors(), in.moleculeKey(), in.prescribedOn())) reasons.add(REFILL_TOO_SOON);
            if (in.priors().stream()
                    .anyMatch(
                            p -> p.state() == PriorState.OPEN && p.moleculeKey().equals(in.moleculeKey()))) {
                reasons.add(DUPLICATE_THERAPY);
            }
        }
        if (!authorised(in.applicant(), in.memberBirthDate(), in.prescribedOn())) reasons.add(APPLICANT_NOT_AUTHORISED);
        if (!reasons.isEmpty()) return new Decision(Status.REJECTED, reasons);
        if (in.indication() == IndicationOutcome.NEEDS_REVIEW) return new Decision(Status.PENDING_REVIEW, reasons);
        return new Decision(Status.APPROVED, reasons);
    }

    /** Valid on its day of issue, or for the prescriber's stated validity of at most 3 days (day of issue counted). */
    public static boolean expired(LocalDate prescribedOn, int validDays, LocalDate on) {
        int days = Math.max(1, Math.min(validDays, MAX_VALID_DAYS));
        return on.isAfter(prescribedOn.plusDays(days - 1L));
    }

    /** Less than 75% of the last dispensed fill's days supply of the same molecule has elapsed. */
    public static boolean refillTooSoon(List<Prior> priors, String moleculeKey, LocalDate prescribedOn) {
        return priors.stream()
                .filter(p -> p.state() == PriorState.DISPENSED
                        && p.dispensedOn() != null
                        && p.moleculeKey().equals(moleculeKey))
                .anyMatch(p -> {
                    long elapsed = ChronoUnit.DAYS.between(p.dispensedOn(), prescribedOn);
                    return elapsed * 100 < (long) REFILL_THRESHOLD_PERCENT * p.daysSupply();
                });
    }

    public static boolean authorised(Applicant a, LocalDate birthDate, LocalDate on) {
        return switch (a.relation()) {
            case SELF -> a.identityMatchesMember();
            case PROXY -> a.powerOfAttorney() && a.bothIdentityDocuments();
            case GUARDIAN ->
                a.guardianshipProof() && (Period.between(birthDate, on).getYears() < 18 || a.incapacityProof());
        };
    }
}
