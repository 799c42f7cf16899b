package com.oncopay.adjudication.domain;

/** The four ledger rows of a dispense (positive) or of its reversal (the exact negatives). */
public record LedgerAmounts(Fen insurerPayable, Fen memberCopay, Fen socialInsurance, Fen deductibleMet) {
    public static LedgerAmounts of(DirectPay.Shares s) {
        return new LedgerAmounts(
                Fen.of(s.insurerPaysFen()),
                Fen.of(s.memberPaysFen()),
                Fen.of(s.socialInsurancePaidFen()),
                Fen.of(s.deductibleAppliedFen()));
    }
}
