package com.oncopay.coverage.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The continuous chain of terms ending in a policy: each renewal whose effective date is at
 * most the product's grace days after the previous term's expiry continues it (expiry
 * 2026-12-31 → effective 2027-03-01 is 60 days: continues; 2027-03-02 starts a new chain). A cancelled term
 * keeps the chain it belongs to for the days it covered, but no later term continues it.
 */
public final class RenewalChain {
    private RenewalChain() {}

    /** Terms of the chain, oldest first, ending with {@code current}. */
    public static List<PolicyTerm> of(
            PolicyTerm current, Map<String, PolicyTerm> byNumber, Map<String, ProductTerms> products) {
        List<PolicyTerm> chain = new ArrayList<>();
        chain.add(current);
        PolicyTerm t = current;
        while (t.previousPolicyNumber() != null && chain.size() < 1000) {
            PolicyTerm prev = byNumber.get(t.previousPolicyNumber());
            if (prev == null
                    || !continues(prev, t, products.get(t.productCode()).renewalGraceDays())) break;
            chain.add(prev);
            t = prev;
        }
        Collections.reverse(chain);
        return chain;
    }

    /**
     * Whether {@code renewal} continues {@code previous}: within the grace days after its expiry, and never after a
     * cancelled term (seed 004: 「上一保险期间届满后的60日内成功重新投保本产品…无等待期」 — a term cancelled or terminated did not run
     * to its end (届满), so the term after it starts a new chain with a new waiting period).
     */
    public static boolean continues(PolicyTerm previous, PolicyTerm renewal, int graceDays) {
        if (previous.cancelled()) return false;
        long gap = ChronoUnit.DAYS.between(previous.expiry(), renewal.effective());
        return gap >= 1 && gap <= graceDays;
    }

    /** The last day inside the waiting period: day 1 is the chain's first effective date. */
    public static LocalDate waitingPeriodEndsOn(List<PolicyTerm> chain, int waitingPeriodDays) {
        return chain.get(0).effective().plusDays(waitingPeriodDays - 1L);
    }
}
