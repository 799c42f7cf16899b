package com.oncopay.coverage.domain;

import java.time.LocalDate;

/**
 * One policy term: cover runs from {@code effective} to {@code expiry}, both days included, unless the term was
 * cancelled ({@code cancelledFrom}, the first day without cover: {@link PolicyCancellation}); then it ends the day
 * before, and a term cancelled from its first day covers no day at all.
 */
public record PolicyTerm(
        String policyNumber,
        String productCode,
        LocalDate effective,
        LocalDate expiry,
        String previousPolicyNumber,
        LocalDate cancelledFrom) {

    /** A term that was not cancelled. */
    public PolicyTerm(
            String policyNumber,
            String productCode,
            LocalDate effective,
            LocalDate expiry,
            String previousPolicyNumber) {
        this(policyNumber, productCode, effective, expiry, previousPolicyNumber, null);
    }

    public boolean cancelled() {
        return cancelledFrom != null;
    }

    /** The last day of cover: the expiry, or the day before the cancellation when that is earlier. */
    public LocalDate lastCoveredDay() {
        return cancelledFrom == null || cancelledFrom.isAfter(expiry) ? expiry : cancelledFrom.minusDays(1);
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(effective) && !day.isAfter(lastCoveredDay());
    }
}
