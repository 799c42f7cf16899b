package com.oncopay.adjudication.domain;

/**
 * The reversal of a dispense (docs/RULES.md, Money: "a reversal writes the exact negatives"): its
 * shares are the dispense's negated (the ratio kept), the accumulators give back exactly the
 * deductible applied and what the insurer paid, and the balances show the sum insured and the
 * deductible left before and after, against the locked accumulators.
 */
public final class DispenseReversal {
    private DispenseReversal() {}

    public static DirectPay.Split of(DirectPay.Shares dispensed, Accumulators locked) {
        Fen insurer = Fen.of(dispensed.insurerPaysFen());
        Fen deductible = Fen.of(dispensed.deductibleAppliedFen());
        // not floored at zero: the balance as the accumulators stand
        Fen sumInsuredBefore = locked.sumInsured().minus(locked.sumInsuredUsed());
        Fen deductibleRemainingAfter =
                locked.deductible().minus(locked.deductibleMet().minus(deductible));
        DirectPay.Shares negated = new DirectPay.Shares(
                -dispensed.totalFen(),
                -dispensed.socialInsurancePaidFen(),
                deductible.negate().value(),
                dispensed.ratioPercent(),
                insurer.negate().value(),
                -dispensed.memberPaysFen());
        return new DirectPay.Split(
                negated,
                new DirectPay.Balance(
                        sumInsuredBefore.value(), sumInsuredBefore.plus(insurer).value()),
                new DirectPay.Balance(
                        deductibleRemainingAfter.minus(deductible).value(), deductibleRemainingAfter.value()),
                0);
    }
}
