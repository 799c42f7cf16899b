package com.oncopay.prescription.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A prescription's states and the moves between them. The engine decides a submission straight
 * into APPROVED, REJECTED or PENDING_REVIEW; a reviewer decides the queue (and may ask for
 * information again); a dispense makes it DISPENSED and a reversal puts it back to APPROVED.
 * REJECTED and CANCELLED are final.
 */
public enum PrescriptionStatus {
    PENDING_REVIEW,
    INFO_REQUESTED,
    APPROVED,
    REJECTED,
    DISPENSED,
    CANCELLED;

    /** Waiting for a reviewer: in the review queue, with a review due date. */
    public boolean inQueue() {
        return this == PENDING_REVIEW || this == INFO_REQUESTED;
    }

    public boolean canMoveTo(PrescriptionStatus next) {
        return next(this).contains(next);
    }

    private static Set<PrescriptionStatus> next(PrescriptionStatus from) {
        return switch (from) {
            case PENDING_REVIEW, INFO_REQUESTED -> EnumSet.of(APPROVED, REJECTED, INFO_REQUESTED);
            case APPROVED -> EnumSet.of(DISPENSED, CANCELLED);
            case DISPENSED -> EnumSet.of(APPROVED);
            case REJECTED, CANCELLED -> EnumSet.noneOf(PrescriptionStatus.class);
        };
    }

    /** What a reviewer's decision makes of a prescription in the queue. */
    public static PrescriptionStatus afterReview(ReviewDecision decision) {
        return switch (decision) {
            case APPROVE -> APPROVED;
            case REJECT -> REJECTED;
            case REQUEST_INFO -> INFO_REQUESTED;
        };
    }

    /** A reviewer's decision on a prescription in the queue. */
    public enum ReviewDecision {
        APPROVE,
        REJECT,
        REQUEST_INFO
    }
}
