package com.oncopay.fulfilment.domain;

import com.oncopay.platform.domain.Refused;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Whether a pharmacy may redeem a pickup code now, decided from plain facts, in this order:
 * unknown code; locked by failed attempts; bound to another pharmacy (answered as unknown, but
 * counted as a failed attempt); already handed over; not a reserved pickup or expired; the
 * identity number (when the caller checks it, i.e. on confirming); the policy not in force on the
 * day of the hand-over (「用药时长与保险责任一致」: cover from its first to its last day, both included);
 * no contract price.
 */
public final class RedemptionDecision {
    private RedemptionDecision() {}

    /** The refusals, each with the code and kind answered and, for a failed attempt, the reason recorded. */
    public enum Refusal {
        UNKNOWN_CODE(Refused.Kind.NOT_FOUND, "CODE_UNKNOWN", "CODE_UNKNOWN", false),
        LOCKED(null, "CODE_LOCKED", null, false),
        WRONG_PHARMACY(Refused.Kind.NOT_FOUND, "CODE_UNKNOWN", "WRONG_PHARMACY", true),
        ALREADY_REDEEMED(Refused.Kind.CONFLICT, "CODE_ALREADY_REDEEMED", null, false),
        NOT_REDEEMABLE(Refused.Kind.GONE, "CODE_EXPIRED", null, false),
        EXPIRED(Refused.Kind.GONE, "CODE_EXPIRED", null, false),
        IDENTITY_MISMATCH(Refused.Kind.RULE, "IDENTITY_MISMATCH", "IDENTITY_MISMATCH", true),
        POLICY_NOT_IN_FORCE(Refused.Kind.RULE, "POLICY_NOT_IN_FORCE", null, false),
        NO_CONTRACT_PRICE(Refused.Kind.RULE, "NO_CONTRACT_PRICE", null, false);

        /** How it is answered; {@code null} for LOCKED (too many requests, with Retry-After). */
        public final Refused.Kind kind;

        public final String code;
        /** The reason written to redemption_failure, or {@code null} when nothing is recorded. */
        public final String failureReason;
        /** Whether it counts as a failed attempt on the fulfilment ({@link AttemptLock}). */
        public final boolean counted;

        Refusal(Refused.Kind kind, String code, String failureReason, boolean counted) {
            this.kind = kind;
            this.code = code;
            this.failureReason = failureReason;
            this.counted = counted;
        }
    }

    /**
     * The facts: {@code found} false means no fulfilment has this code (the other facts are then
     * ignored). {@code identityMatches} is {@code null} when the identity is not checked (a preview).
     * {@code coverFrom}..{@code coverTo} is the policy's term and {@code today} the business day of the hand-over.
     */
    public record Facts(
            boolean found,
            FulfilmentStatus status,
            boolean pickup,
            String boundPharmacy,
            String callerPharmacy,
            AttemptLock.State attempts,
            Instant expiresAt,
            Boolean identityMatches,
            boolean contractPrice,
            Instant now,
            LocalDate coverFrom,
            LocalDate coverTo,
            LocalDate today) {
        public PickupCodeState codeState() {
            return PickupCodeState.of(status, pickup, expiresAt, now);
        }
    }

    /** {@code null} when the redemption may go ahead, else the first refusal in the order above. */
    public static Refusal decide(Facts f) {
        if (!f.found()) return Refusal.UNKNOWN_CODE;
        if (AttemptLock.isLocked(f.attempts(), f.now())) return Refusal.LOCKED;
        if (!f.boundPharmacy().equals(f.callerPharmacy())) return Refusal.WRONG_PHARMACY;
        switch (f.codeState()) {
            case USED -> {
                return Refusal.ALREADY_REDEEMED;
            }
            case VOID -> {
                return Refusal.NOT_REDEEMABLE;
            }
            case EXPIRED -> {
                return Refusal.EXPIRED;
            }
            case USABLE -> {}
        }
        if (Boolean.FALSE.equals(f.identityMatches())) return Refusal.IDENTITY_MISMATCH;
        if (!inForce(f.coverFrom(), f.coverTo(), f.today())) return Refusal.POLICY_NOT_IN_FORCE;
        if (!f.contractPrice()) return Refusal.NO_CONTRACT_PRICE;
        return null;
    }

    /**
     * Whether cover runs on {@code day}: from {@code from} to {@code to}, both included (the door uses it
     * too); no term (null) is no cover.
     */
    public static boolean inForce(LocalDate from, LocalDate to, LocalDate day) {
        return from != null && to != null && !day.isBefore(from) && !day.isAfter(to);
    }
}
