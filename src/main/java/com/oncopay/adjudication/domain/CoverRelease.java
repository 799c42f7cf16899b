package com.oncopay.adjudication.domain;

/**
 * Cover given back without a REVERSAL dispense (the drugs were handed over and the pharmacy's settlement stands):
 * a denied liability or a late reversal gives back exactly what the dispense took, as {@link DispenseReversal}
 * does (the deductible applied and the insurer's share); an over-payment gives back only the part of the insurer's
 * share paid outside the cover, and leaves the deductible as it is. The ledger rows: {@code SUM_INSURED_RELEASED}
 * +{@link #sumInsuredFen}, {@code DEDUCTIBLE_MET} −{@link #deductibleFen}.
 */
public record CoverRelease(long sumInsuredFen, long deductibleFen) {
    public CoverRelease {
        if (sumInsuredFen < 0 || deductibleFen < 0) throw new IllegalArgumentException("a release is never negative");
    }

    /** Everything the dispense took: its insurer share and the deductible it applied. */
    public static CoverRelease whole(DirectPay.Shares dispensed) {
        return new CoverRelease(dispensed.insurerPaysFen(), dispensed.deductibleAppliedFen());
    }

    /** {@code fen} of the insurer's share, at least 1 and at most the share; the deductible stays met. */
    public static CoverRelease part(DirectPay.Shares dispensed, long fen) {
        if (fen < 1 || fen > dispensed.insurerPaysFen())
            throw new IllegalArgumentException("a part is between 1 fen and the insurer's share");
        return new CoverRelease(fen, 0);
    }

    /** How the accumulators move: both go down. */
    public Accumulators.Change change() {
        return new Accumulators.Change(Fen.of(-deductibleFen), Fen.of(-sumInsuredFen));
    }
}
