package com.oncopay.adjudication.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectPayTest {
    @ParameterizedTest(name = "{0}×{1}, SI {2}, deductible left {3}, sum left {4}, {5}% → insurer {6}, member {7}")
    @CsvSource({
        // price, packs, SI paid, deductible remaining, sum insured remaining, ratio, insurer, member, deductible
        // applied
        "1791800, 1, 0,      0,       300000000, 80, 1433440, 358360, 0",
        "1791800, 2, 500000, 500000,  300000000, 80, 2066880, 1016720, 500000",
        // deductible larger than what is left of the total → insurer 0
        "100000,  1, 20000,  100000,  300000000, 90, 0,      80000,  80000",
        // total crossing the remaining sum insured → capped, member pays the excess
        "1000000, 3, 0,      0,       1000000,   90, 1000000, 2000000, 0",
        // rounding: 1005 × 50% = 502.5 → 503 (half-up, once)
        "1005,    1, 0,      0,       300000000, 50, 503,    502,    0",
        "1003,    1, 0,      0,       300000000, 50, 502,    501,    0",
        "333,     1, 0,      0,       300000000, 70, 233,    100,    0",
        // 100% ratio, nothing left of the sum insured
        "50000,   1, 0,      0,       0,         100, 0,     50000,  0",
        // social insurance paid all of it
        "50000,   2, 100000, 0,       300000000, 80, 0,      0,      0"
    })
    void splits(
            long price,
            int packs,
            long si,
            long deductible,
            long sumLeft,
            int ratio,
            long insurer,
            long member,
            long applied) {
        DirectPay.Split s = DirectPay.compute(new DirectPay.Input(price, packs, si, deductible, sumLeft, ratio));
        assertEquals(price * packs, s.totalFen());
        assertEquals(insurer, s.insurerPaysFen());
        assertEquals(member, s.memberPaysFen());
        assertEquals(applied, s.deductibleAppliedFen());
        assertEquals(
                s.totalFen(),
                s.socialInsurancePaidFen() + s.insurerPaysFen() + s.memberPaysFen(),
                "the parts add up to the total");
        assertEquals(sumLeft - insurer, s.sumInsuredAfterFen());
        assertEquals(deductible - applied, s.deductibleRemainingAfterFen());
    }

    @Test
    void social_insurance_paid_larger_than_the_total_is_refused() {
        assertThrows(
                DirectPay.SocialInsuranceExceedsTotal.class,
                () -> DirectPay.compute(new DirectPay.Input(1000, 1, 1001, 0, 100000, 80)));
    }

    @Test
    void overflow_is_an_error_not_a_wrong_amount() {
        assertThrows(
                ArithmeticException.class,
                () -> DirectPay.compute(new DirectPay.Input(Long.MAX_VALUE / 2, 3, 0, 0, 1, 80)));
    }

    @ParameterizedTest
    @CsvSource({"1, 50, 1", "3, 50, 2", "5, 10, 1", "4, 10, 0", "0, 100, 0", "199, 50, 100"})
    void half_up_percent(long amount, int percent, long expected) {
        assertEquals(expected, DirectPay.halfUpPercent(amount, percent));
    }
}
