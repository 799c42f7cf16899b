package com.oncopay.coverage.domain;

import com.oncopay.platform.domain.Refused;
import java.time.LocalDate;

/**
 * Cancelling a policy (seed 004 line 325: 「犹豫期：自您签收本主险合同或收到本主险合同电子保险单次日起，有 15 日的犹豫期，犹豫期内提出
 * 解除合同，我们将无息退还您所支付的全部保险费。」). The cooling-off period is the 15 days after the day the policy was received
 * (day 1 is the day after; without a recorded receipt, the effective date counts as it). A {@code COOLING_OFF}
 * cancellation is allowed only on a day inside it and voids the term from its first day (the whole premium is
 * refunded, so no day was covered); a {@code TERMINATION} or {@code MISUSE} ends cover the day before its effective
 * date. The effective date lies inside the term; a term is cancelled once.
 */
public final class PolicyCancellation {
    /** 「有 15 日的犹豫期」. */
    public static final int COOLING_OFF_DAYS = 15;

    public enum Reason {
        COOLING_OFF,
        TERMINATION,
        MISUSE
    }

    /** What the rules read of the term. {@code receivedOn} null: not recorded. */
    public record Term(
            String policyNumber, LocalDate effective, LocalDate expiry, LocalDate receivedOn, boolean cancelled) {}

    /**
     * The outcome: the last day of the cooling-off period, the first day without cover, and whether the whole premium
     * is refunded (cooling-off); the refund itself is the insurer's, outside the engine.
     */
    public record Decision(LocalDate coolingOffEndsOn, LocalDate cancelledFrom, boolean fullPremiumRefund) {}

    private PolicyCancellation() {}

    /** The last day of the cooling-off period: 15 days counted from the day after receipt (received 11-01 → 11-16). */
    public static LocalDate coolingOffEndsOn(Term term) {
        LocalDate received = term.receivedOn() == null ? term.effective() : term.receivedOn();
        return received.plusDays(COOLING_OFF_DAYS);
    }

    /**
     * The decision, or the refusal, checked in this order: 409 POLICY_ALREADY_CANCELLED; 422
     * CANCELLATION_BEFORE_POLICY_START / CANCELLATION_AFTER_POLICY_END (the effective date outside the term);
     * 422 COOLING_OFF_PERIOD_OVER (a cooling-off cancellation after the period's last day).
     */
    public static Decision decide(Term term, Reason reason, LocalDate effectiveDate) {
        if (term.cancelled()) throw Refused.conflict("POLICY_ALREADY_CANCELLED", term.policyNumber());
        if (effectiveDate.isBefore(term.effective()))
            throw Refused.rule("CANCELLATION_BEFORE_POLICY_START", term.effective());
        if (effectiveDate.isAfter(term.expiry())) throw Refused.rule("CANCELLATION_AFTER_POLICY_END", term.expiry());
        LocalDate coolingOffEnds = coolingOffEndsOn(term);
        boolean coolingOff = reason == Reason.COOLING_OFF;
        if (coolingOff && effectiveDate.isAfter(coolingOffEnds))
            throw Refused.rule("COOLING_OFF_PERIOD_OVER", coolingOffEnds);
        return new Decision(coolingOffEnds, coolingOff ? term.effective() : effectiveDate, coolingOff);
    }
}
