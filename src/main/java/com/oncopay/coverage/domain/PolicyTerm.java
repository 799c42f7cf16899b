package com.oncopay.coverage.domain;

import java.time.LocalDate;

/** One policy term: cover runs from {@code effective} to {@code expiry}, both days included. */
public record PolicyTerm(
        String policyNumber, String productCode, LocalDate effective, LocalDate expiry, String previousPolicyNumber) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(effective) && !day.isAfter(expiry);
    }
}
