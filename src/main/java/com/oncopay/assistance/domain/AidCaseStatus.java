package com.oncopay.assistance.domain;

import java.util.Map;
import java.util.Set;

/** A coordinator's case: DRAFT → PREPARING → SUBMITTED → APPROVED → IN_PROGRESS → COMPLETED, or REJECTED, FORFEITED, WITHDRAWN. */
public enum AidCaseStatus {
    DRAFT,
    PREPARING,
    SUBMITTED,
    APPROVED,
    IN_PROGRESS,
    COMPLETED,
    REJECTED,
    FORFEITED,
    WITHDRAWN;

    private static final Map<AidCaseStatus, Set<AidCaseStatus>> NEXT = Map.of(
            DRAFT,
            Set.of(PREPARING, WITHDRAWN),
            PREPARING,
            Set.of(PREPARING, SUBMITTED, WITHDRAWN),
            SUBMITTED,
            Set.of(APPROVED, REJECTED, WITHDRAWN),
            APPROVED,
            Set.of(IN_PROGRESS, COMPLETED, FORFEITED, WITHDRAWN),
            IN_PROGRESS,
            Set.of(IN_PROGRESS, COMPLETED, FORFEITED),
            COMPLETED,
            Set.of(),
            REJECTED,
            Set.of(),
            FORFEITED,
            Set.of(),
            WITHDRAWN,
            Set.of());

    public boolean canMoveTo(AidCaseStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether donated packs are (or will be) provided through the case. */
    public boolean granted() {
        return this == APPROVED || this == IN_PROGRESS || this == COMPLETED;
    }
}
