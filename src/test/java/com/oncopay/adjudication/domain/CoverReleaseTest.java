package com.oncopay.adjudication.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A denial or a late reversal gives back what the dispense took; an over-payment a part of the insurer's share. */
class CoverReleaseTest {
    @ParameterizedTest(name = "insurer {0}, deductible {1} → sum insured −{0}, deductible met −{1}")
    @CsvSource({"72000, 20000", "0, 5000", "0, 0", "1, 0", "99999999, 1"})
    void whole_gives_back_exactly_what_a_reversal_gives_back(long insurer, long deductible) {
        DirectPay.Shares shares = new DirectPay.Shares(100_000_000, 0, deductible, 90, insurer, 1);
        CoverRelease r = CoverRelease.whole(shares);
        assertEquals(insurer, r.sumInsuredFen());
        assertEquals(deductible, r.deductibleFen());
        // the same change a reversal makes to the accumulators
        Accumulators locked = new Accumulators(Fen.of(20000), Fen.of(20000), Fen.of(500_000_000), Fen.of(insurer));
        assertEquals(Accumulators.Change.of(DispenseReversal.of(shares, locked)), r.change());
    }

    @ParameterizedTest(name = "{1} of a share of {0}: ok {2}")
    @CsvSource({
        "72000, 1,     true",
        "72000, 72000, true",
        "72000, 36000, true",
        "72000, 72001, false",
        "72000, 0,     false",
        "72000, -1,    false",
        "0,     1,     false"
    })
    void part_is_between_one_fen_and_the_share_and_leaves_the_deductible(long insurer, long part, boolean ok) {
        DirectPay.Shares shares = new DirectPay.Shares(100_000, 0, 20_000, 90, insurer, 8_000);
        if (!ok) {
            assertThrows(IllegalArgumentException.class, () -> CoverRelease.part(shares, part));
            return;
        }
        CoverRelease r = CoverRelease.part(shares, part);
        assertEquals(part, r.sumInsuredFen());
        assertEquals(0, r.deductibleFen());
        assertEquals(new Accumulators.Change(Fen.of(0), Fen.of(-part)), r.change());
    }
}
