package com.oncopay.adjudication;

import com.oncopay.prescription.domain.DirectPay;

/** The money block of API.md, as answered by an estimate, a redemption and a delivery. */
public record MoneyBlock(long totalFen, long socialInsurancePaidFen, long deductibleAppliedFen, int ratioPercent, long insurerPaysFen,
                         long memberPaysFen, long sumInsuredBeforeFen, long sumInsuredAfterFen, long deductibleRemainingAfterFen) {

    public static MoneyBlock of(DirectPay.Split s) {
        return new MoneyBlock(s.totalFen(), s.socialInsurancePaidFen(), s.deductibleAppliedFen(), s.ratioPercent(), s.insurerPaysFen(),
                s.memberPaysFen(), s.sumInsuredBeforeFen(), s.sumInsuredAfterFen(), s.deductibleRemainingAfterFen());
    }
}
