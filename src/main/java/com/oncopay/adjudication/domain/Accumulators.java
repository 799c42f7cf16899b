package com.oncopay.adjudication.domain;

/**
 * A policy's accumulators for its term, with its product's limits: the deductible and how much of
 * it is met, the sum insured and how much of it is used.
 */
public record Accumulators(Fen deductible, Fen deductibleMet, Fen sumInsured, Fen sumInsuredUsed) {
    /** What is left of the deductible, never below zero. */
    public Fen deductibleRemaining() {
        return deductible.minus(deductibleMet).atLeastZero();
    }

    /** What is left of the sum insured, never below zero. */
    public Fen sumInsuredRemaining() {
        return sumInsured.minus(sumInsuredUsed).atLeastZero();
    }

    /** The direct-pay input of one fill against these accumulators at {@code ratioPercent}. */
    public DirectPay.Input input(long unitPriceFen, int packs, long socialInsurancePaidFen, int ratioPercent) {
        return new DirectPay.Input(
                unitPriceFen,
                packs,
                socialInsurancePaidFen,
                deductibleRemaining().value(),
                sumInsuredRemaining().value(),
                ratioPercent);
    }

    /** How a dispense (or its reversal) moves the accumulators: added to the deductible met and the sum insured used. */
    public record Change(Fen deductibleMet, Fen sumInsuredUsed) {
        public static Change of(DirectPay.Split s) {
            return new Change(Fen.of(s.deductibleAppliedFen()), Fen.of(s.insurerPaysFen()));
        }
    }
}
