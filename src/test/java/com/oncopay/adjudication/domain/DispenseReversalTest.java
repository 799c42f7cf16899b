package com.oncopay.adjudication.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispenseReversalTest {
    /** A dispense computed against some accumulators, applied, then reversed: everything comes back exactly. */
    @ParameterizedTest(name = "{0}×{1}, SI {2}, deductible {3} (met {4}), sum {5} (used {6}), {7}%")
    @CsvSource({
        "1791800, 1, 0,      0,      0,      300000000, 0,         80",
        "1791800, 2, 500000, 500000, 0,      300000000, 1000000,   80",
        "100000,  1, 20000,  100000, 10000,  300000000, 0,         90",
        // capped by the sum insured left
        "1000000, 3, 0,      0,      0,      1000000,   0,         90",
        // deductible already met in full, nothing left of the sum insured
        "50000,   1, 0,      20000,  20000,  100000,    100000,    100"
    })
    void a_reversal_gives_back_exactly_what_its_dispense_took(
            long price, int packs, long si, long deductible, long met, long sumInsured, long used, int ratio) {
        Accumulators before = new Accumulators(Fen.of(deductible), Fen.of(met), Fen.of(sumInsured), Fen.of(used));
        DirectPay.Split d = DirectPay.compute(before.input(price, packs, si, ratio));
        Accumulators.Change took = Accumulators.Change.of(d);
        Accumulators after = new Accumulators(
                before.deductible(),
                before.deductibleMet().plus(took.deductibleMet()),
                before.sumInsured(),
                before.sumInsuredUsed().plus(took.sumInsuredUsed()));

        DirectPay.Split r = DispenseReversal.of(d.shares(), after);
        Accumulators.Change back = Accumulators.Change.of(r);
        assertEquals(took.deductibleMet().negate(), back.deductibleMet());
        assertEquals(took.sumInsuredUsed().negate(), back.sumInsuredUsed());
        assertEquals(-d.totalFen(), r.totalFen());
        assertEquals(-d.socialInsurancePaidFen(), r.socialInsurancePaidFen());
        assertEquals(-d.memberPaysFen(), r.memberPaysFen());
        assertEquals(d.ratioPercent(), r.ratioPercent());
        assertEquals(0, r.cappedFen());
        // balances: the sum insured left grows back by what the insurer paid, the deductible left by what was applied
        assertEquals(sumInsured - used - d.insurerPaysFen(), r.sumInsuredBeforeFen());
        assertEquals(sumInsured - used, r.sumInsuredAfterFen());
        assertEquals(deductible - met, r.deductibleRemainingAfterFen());
        assertEquals(deductible - met - d.deductibleAppliedFen(), r.deductibleRemainingBeforeFen());

        LedgerAmounts ledger = LedgerAmounts.of(r.shares());
        LedgerAmounts original = LedgerAmounts.of(d.shares());
        assertEquals(original.insurerPayable().negate(), ledger.insurerPayable());
        assertEquals(original.memberCopay().negate(), ledger.memberCopay());
        assertEquals(original.socialInsurance().negate(), ledger.socialInsurance());
        assertEquals(original.deductibleMet().negate(), ledger.deductibleMet());
    }

    @ParameterizedTest(name = "deductible {0} met {1}, sum {2} used {3} → left {4} / {5}")
    @CsvSource({"100, 40, 1000, 300, 60, 700", "100, 100, 1000, 1000, 0, 0", "100, 150, 1000, 1200, 0, 0"})
    void what_is_left_is_never_negative(
            long deductible, long met, long sum, long used, long deductibleLeft, long sumLeft) {
        Accumulators a = new Accumulators(Fen.of(deductible), Fen.of(met), Fen.of(sum), Fen.of(used));
        assertEquals(Fen.of(deductibleLeft), a.deductibleRemaining());
        assertEquals(Fen.of(sumLeft), a.sumInsuredRemaining());
    }
}
