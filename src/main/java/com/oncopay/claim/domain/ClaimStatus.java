package com.oncopay.claim.domain;

import java.util.Set;

/**
 * The liability of a direct-paid dispense after the advance (004: 「垫付结论不等于理赔结论」): opened
 * {@link #UNDER_INVESTIGATION} with the dispense, then decided once by a reviewer, or {@link #WITHDRAWN}
 * when the pharmacy reverses the dispense before a decision. Every state but the first is final.
 */
public enum ClaimStatus {
    UNDER_INVESTIGATION,
    LIABILITY_CONFIRMED,
    LIABILITY_DENIED,
    WITHDRAWN;

    public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";

    public boolean canMoveTo(ClaimStatus next) {
        return this == UNDER_INVESTIGATION
                && Set.of(LIABILITY_CONFIRMED, LIABILITY_DENIED, WITHDRAWN).contains(next);
    }

    public boolean decided() {
        return this != UNDER_INVESTIGATION;
    }
}
