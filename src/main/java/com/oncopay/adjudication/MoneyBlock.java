package com.oncopay.adjudication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.oncopay.adjudication.domain.DirectPay;
import com.oncopay.assistance.domain.AidRule;
import java.util.List;

/**
 * The money block of API.md, as answered by an estimate, a redemption and a delivery. With
 * charity assistance, {@code aidPacks} packs were donated ({@code aidKind} DONATED: nobody
 * pays them, the sum insured is untouched) or are the member's cost (MEMBER_COST, with the
 * reason in {@code reasons}, e.g. AID_NOT_APPLIED). A donated cycle filled away from the
 * foundation's pharmacies is an ordinary insured fill: no aid fields, reasons AID_NOT_APPLIED and
 * AID_PHARMACY_NOT_DESIGNATED.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MoneyBlock(
        long totalFen,
        long socialInsurancePaidFen,
        long deductibleAppliedFen,
        int ratioPercent,
        long insurerPaysFen,
        long memberPaysFen,
        long sumInsuredBeforeFen,
        long sumInsuredAfterFen,
        long deductibleRemainingAfterFen,
        Integer aidPacks,
        String aidKind,
        List<String> reasons) {

    public static MoneyBlock of(DirectPay.Split s) {
        return of(s, AidRule.Effect.NONE);
    }

    public static MoneyBlock of(DirectPay.Split s, AidRule.Effect aid) {
        boolean any = aid.kind() != AidRule.Kind.NONE;
        return new MoneyBlock(
                s.totalFen(),
                s.socialInsurancePaidFen(),
                s.deductibleAppliedFen(),
                s.ratioPercent(),
                s.insurerPaysFen(),
                s.memberPaysFen(),
                s.sumInsuredBeforeFen(),
                s.sumInsuredAfterFen(),
                s.deductibleRemainingAfterFen(),
                any ? aid.packs() : null,
                any ? aid.kind().name() : null,
                aid.reasons());
    }
}
