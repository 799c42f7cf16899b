package com.oncopay.prescription.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
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

    /** The refusal of a review decision on a prescription that is not (or no longer) in the review queue. */
    public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";

    /** Waiting for a reviewer: in the review queue, with a review due date. */
    public boolean inQueue() {
        return this == PENDING_REVIEW || this == INFO_REQUESTED;
    }

    public boolean canMoveTo(PrescriptionStatus next) {
        return next(this).contains(next);
    }

    private static Set<PrescriptionStatus> next(PrescriptionStatus from) {
        return switch (from) {
            case PENDING_REVIEW -> EnumSet.of(APPROVED, REJECTED, INFO_REQUESTED);
            // answered (#20): back to the queue; unanswered in time: REJECTED with INFO_REQUEST_EXPIRED
            case INFO_REQUESTED -> EnumSet.of(APPROVED, REJECTED, INFO_REQUESTED, PENDING_REVIEW);
            case APPROVED -> EnumSet.of(DISPENSED, CANCELLED);
            case DISPENSED -> EnumSet.of(APPROVED);
            case REJECTED, CANCELLED -> EnumSet.noneOf(PrescriptionStatus.class);
        };
    }

    /**
     * What a reviewer's decision makes of a prescription in this state: the next state, or empty
     * when the prescription is not waiting for review or may not move there ({@link #ILLEGAL_TRANSITION}).
     */
    public Optional<PrescriptionStatus> reviewedAs(ReviewDecision decision) {
        PrescriptionStatus next = afterReview(decision);
        return inQueue() && canMoveTo(next) ? Optional.of(next) : Optional.empty();
    }

    /** A review that leaves the queue decides the prescription (it gets its decision time); asking for information does not. */
    public boolean decidedByReview() {
        return !inQueue();
    }

    /**
     * Still open with dates counted in business days running (in review, approved, or dispensed with the
     * claim investigation running): recounted when an official year is loaded. Rejected and cancelled
     * prescriptions keep the dates they were decided with.
     */
    public boolean dueDatesRunning() {
        return this != REJECTED && this != CANCELLED;
    }

    /** The states for which {@code test} holds, in declaration order. */
    public static Set<PrescriptionStatus> where(java.util.function.Predicate<PrescriptionStatus> test) {
        Set<PrescriptionStatus> out = EnumSet.noneOf(PrescriptionStatus.class);
        Arrays.stream(values()).filter(test).forEach(out::add);
        return out;
    }

    /** How the refill and duplicate-therapy rules see an earlier prescription in this state. */
    public PrescriptionRules.PriorState asPrior() {
        return switch (this) {
            case PENDING_REVIEW, INFO_REQUESTED, APPROVED -> PrescriptionRules.PriorState.OPEN;
            case DISPENSED -> PrescriptionRules.PriorState.DISPENSED;
            case REJECTED, CANCELLED -> PrescriptionRules.PriorState.CLOSED;
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
