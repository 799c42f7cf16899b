package com.oncopay.coverage.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004: 如本公司查明正在申请或享受本服务者并非您本人，本公司有权立即拒绝提供本服务并保留追偿的权利.
 * While a member is flagged for misuse the service is refused: no new prescription, no new pickup
 * code or delivery, and eligibility answers not eligible with {@link #CODE} among its reasons.
 */
public final class MisuseBlock {
    public static final String CODE = "MEMBER_FLAGGED_MISUSE";

    private MisuseBlock() {}

    /** The eligibility answer for a member flagged ({@code flagged}) or not: unchanged when not flagged. */
    public static Eligibility.Result apply(Eligibility.Result r, boolean flagged) {
        if (!flagged || r.reasons().contains(CODE)) return r;
        List<String> reasons = new ArrayList<>(r.reasons());
        reasons.add(0, CODE);
        return new Eligibility.Result(
                false,
                List.copyOf(reasons),
                r.policyNumber(),
                r.chainStart(),
                r.waitingPeriodEndsOn(),
                r.sumInsuredRemainingFen(),
                r.deductibleRemainingFen(),
                r.tier(),
                r.ratioPercent(),
                r.fulfilmentModes(),
                r.deliveryRefusal());
    }
}
